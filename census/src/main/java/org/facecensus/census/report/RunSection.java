package org.facecensus.census.report;

import java.util.Locale;
import org.facecensus.census.RunInfo;
import org.facecensus.model.ModelInfo;

/**
 * How the run was made (collection, detector, aligner, classifier, evaluation file, threads, time),
 * the files of the collection folder it did not analyse, and the provenance of every model it used.
 *
 * <p>Thread-safety: stateless.
 */
final class RunSection extends ReportSection {
    RunSection() {
        super("run", "Run", "Run");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        RunInfo run = input.run();
        out.append("<table class=\"narrow kv\"><tbody>\n");
        row(out, "collection", run.collection());
        row(out, "metadata", run.metadataFile().isEmpty() ? "none" : run.metadataFile());
        row(out, "detector", run.detector());
        row(out, "aligner", run.aligner());
        if (!run.facesFrom().isEmpty()) {
            row(out, "faces from", run.facesFrom() + " (its boxes re-used; no detection in this run)");
        }
        row(out, "classifier", run.classifier());
        if (!run.verifier().isEmpty()) {
            long rejected = input.items().stream().mapToLong(i -> i.rejectedFaces()).sum();
            row(out, "face verifier", run.verifier() + ": " + Html.count(rejected) + " detection"
                    + (rejected == 1 ? "" : "s") + " rejected as not faces (not counted anywhere else in this report)");
        }
        row(out, "evaluation file", run.evaluationFile().isEmpty() ? "none" : run.evaluationFile());
        row(out, "threads", Integer.toString(run.threads()));
        row(out, "items analysed in this run", Html.count(run.items()));
        // Every file of the folder is accounted for: the ones not analysed, by reason.
        row(out, "files skipped", run.skippedCount() == 0 ? "none"
                : Html.count(run.skippedCount()) + ": " + run.skippedSummary());
        if (run.pagesNotAnalysed() > 0) {
            row(out, "pages not analysed", Html.count(run.pagesNotAnalysed())
                    + " later pages of multi-page TIFFs (the run analysed first pages; --all-pages analyses each)");
        }
        row(out, "time", formatDuration(run.elapsedSeconds()));
        out.append("</tbody></table>\n<h3>Models</h3>\n");
        if (run.models().isEmpty()) {
            out.append("<p class=\"note\">No model provenance was recorded.</p>\n");
            return;
        }
        out.append("<div class=\"scroll\"><table class=\"models\"><thead><tr><th>model</th><th>version</th><th>licence</th>"
                + "<th>sha256</th><th>source</th></tr></thead><tbody>\n");
        for (ModelInfo m : run.models()) {
            out.append("<tr><th>").append(Html.text(m.name())).append("</th><td>").append(Html.text(m.version()))
                    .append("</td><td>").append(Html.text(m.licence())).append("</td><td class=\"wrap hash\"><code>")
                    .append(Html.text(m.sha256())).append("</code></td><td class=\"wrap\">").append(Html.text(m.source()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static void row(StringBuilder out, String key, String value) {
        out.append("<tr><th>").append(Html.text(key)).append("</th><td>").append(Html.text(value)).append("</td></tr>\n");
    }

    private static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "–";
        }
        long s = Math.round(seconds);
        return s < 120 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%d h %02d min %02d s", s / 3600, s / 60 % 60, s % 60);
    }
}
