package org.facecensus.census.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.classify.Gender;
import org.facecensus.io.AtomicFiles;
import org.facecensus.model.ModelInfo;

/**
 * Writes {@code report.html} into the output folder of a census run: one self-contained file. Charts
 * are PNGs (XChart) and gallery crops small JPEG thumbnails, all embedded as {@code data:} URIs; the
 * page loads nothing from anywhere (no scripts, fonts, style sheets or images outside it), so it can
 * be copied, mailed or archived alone.
 *
 * <p>Sections: summary; faces per decade by gender; share of women per decade and per tag, observed
 * and corrected, with intervals; composition; faces per item; description terms by gender (when the
 * statistics have them); a fixed-seed gallery of crops per predicted label; the classifier's measured
 * error; the run and its models; limitations written from this run's numbers; method.
 *
 * <p>All catalogue and run text (titles, tags, ids, dates, file names) is HTML-escaped.
 *
 * <p>Thread-safety: stateless. Sets {@code java.awt.headless=true} when unset, as charts are drawn
 * off-screen.
 */
public final class HtmlReport {
    /** The file written into the output folder. */
    public static final String FILE_NAME = "report.html";
    /** A taller interval chart stops being readable; the table below it has every tag. */
    static final int MAX_CHART_TAGS = 40;

    private HtmlReport() {
    }

    /**
     * @param outDir the run's output folder; crops are under {@code outDir/crops}, as the items' faces say
     * @param stats  what {@link org.facecensus.census.stats.CensusStatistics#compute} returned
     * @param items  the items the statistics were computed from (for the gallery and the failures)
     * @param run    how the run was made
     * @return the report file
     */
    public static Path write(Path outDir, ObjectNode stats, List<ItemRecord> items, RunInfo run) {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(run, "run");
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        String html = new Page(outDir, stats, items, run).render();
        Path file = outDir.resolve(FILE_NAME);
        try {
            AtomicFiles.writeString(file, html);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the report " + file + ": " + e.getMessage()
                    + "; check that the output folder is writable and has space", e);
        }
        return file;
    }

    /** One report being rendered. */
    private static final class Page {
        private final Path outDir;
        private final JsonNode stats;
        private final List<ItemRecord> items;
        private final RunInfo run;
        private final boolean corrected;
        private final StringBuilder out = new StringBuilder(1 << 16);

        Page(Path outDir, JsonNode stats, List<ItemRecord> items, RunInfo run) {
            this.outDir = outDir;
            this.stats = stats;
            this.items = items;
            this.run = run;
            this.corrected = stats.path("classifier").isObject();
        }

        String render() {
            out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>Face census: ").append(Html.text(collectionName())).append("</title>\n")
                    .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
            out.append("<h1>Face census: ").append(Html.text(collectionName())).append("</h1>\n");
            out.append("<p class=\"lede\">Who appears in this collection, as counted by face detection and gender "
                    + "classification. Every share comes with its 95 % interval; read the limitations before quoting "
                    + "a number.</p>\n");
            nav();
            summary();
            decades();
            tags();
            composition();
            descriptions();
            gallery();
            classifier();
            runSection();
            limitations();
            method();
            out.append("</main>\n</body>\n</html>\n");
            return out.toString();
        }

        private String collectionName() {
            String c = run.collection();
            return c == null || c.isBlank() ? "collection" : c;
        }

        private void nav() {
            out.append("<nav>");
            String[][] links = {
                {"summary", "Summary"}, {"decades", "Decades"}, {"tags", "Tags"}, {"composition", "Composition"},
                {"descriptions", "Descriptions"}, {"gallery", "Gallery"}, {"classifier", "Classifier"},
                {"run", "Run"}, {"limitations", "Limitations"}, {"method", "Method"},
            };
            for (String[] link : links) {
                if (link[0].equals("descriptions") && !stats.path("descriptions").isObject()) {
                    continue;
                }
                out.append("<a href=\"#").append(link[0]).append("\">").append(link[1]).append("</a>");
            }
            out.append("</nav>\n");
        }

        private void summary() {
            JsonNode t = stats.path("totals");
            JsonNode overall = stats.path("overall");
            JsonNode share = overall.path("shareOfWomen");
            section("summary", "Summary");
            out.append("<div class=\"cards\">\n");
            card("items", t.path("items").asLong(), null);
            card("analysed", t.path("itemsAnalysed").asLong(), null);
            card("failed", t.path("itemsFailed").asLong(), t.path("itemsFailed").asLong() > 0 ? "warn" : null);
            card("with ≥ 1 face", t.path("itemsWithFaces").asLong(), null);
            card("faces", t.path("faces").asLong(), null);
            card("women", t.path("women").asLong(), "women");
            card("men", t.path("men").asLong(), "men");
            card("no label", t.path("unknown").asLong(), "unknown");
            out.append("</div>\n<div class=\"cards wide\">\n");
            out.append("<div class=\"card big\"><div class=\"value\">").append(Html.percent(num(share, "estimate")))
                    .append("</div><div class=\"label\">share of women among labelled faces<br>95 % Wilson ")
                    .append(interval(share.path("wilson95")))
                    .append(share.path("itemBootstrap95").isObject() ? " · item bootstrap " + interval(share.path("itemBootstrap95")) : "")
                    .append("</div></div>\n");
            if (corrected) {
                JsonNode c = overall.path("correctedShareOfWomen");
                out.append("<div class=\"card big corrected\"><div class=\"value\">").append(Html.percent(num(c, "estimate")))
                        .append("</div><div class=\"label\">corrected for classifier error (Rogan–Gladen)<br>")
                        .append(c.path("bootstrap95").isObject() ? "95 % bootstrap " : "95 % Wilson, corrected ")
                        .append(interval(correctedInterval(c))).append("</div></div>\n");
            } else {
                out.append("<div class=\"card big muted\"><div class=\"value\">–</div><div class=\"label\">not corrected "
                        + "for classifier error: no evaluation file was given</div></div>\n");
            }
            out.append("</div>\n</section>\n");
        }

        private void card(String label, long value, String cls) {
            out.append("<div class=\"card").append(cls == null ? "" : " " + cls).append("\"><div class=\"value\">")
                    .append(Html.count(value)).append("</div><div class=\"label\">").append(Html.text(label))
                    .append("</div></div>\n");
        }

        private void decades() {
            JsonNode byDecade = stats.path("byDecade");
            JsonNode rows = byDecade.path("rows");
            section("decades", "Decades");
            if (rows.isEmpty()) {
                out.append("<p>No items.</p>\n</section>\n");
                return;
            }
            List<String> labels = new ArrayList<>();
            List<Long> women = new ArrayList<>();
            List<Long> men = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            for (JsonNode row : rows) {
                labels.add(row.path("decade").asText());
                women.add(row.path("women").asLong());
                men.add(row.path("men").asLong());
                unknown.add(row.path("unknown").asLong());
            }
            image(Charts.bars("Faces per decade by predicted gender", "decade", "faces", labels, List.of(
                    new Charts.BarSeries("women", Charts.WOMEN, women),
                    new Charts.BarSeries("men", Charts.MEN, men),
                    new Charts.BarSeries("no label", Charts.UNKNOWN, unknown)), true),
                    "Stacked bars: faces labelled women, men and without label, per decade");
            image(Charts.intervals("Share of women per decade", intervalRows(rows, "decade"), corrected),
                    "Share of women per decade with 95 % intervals");
            groupTable(rows, "Decade", "decade");
            JsonNode undated = byDecade.path("undated");
            out.append("<p class=\"note\">Undated: ").append(undated.path("noDate").asLong()).append(" without a date, ")
                    .append(undated.path("unparsed").asLong()).append(" unreadable, ")
                    .append(undated.path("spansDecades").asLong()).append(" spanning decades.</p>\n");
            rawList(byDecade.path("unparsedDates"), "Dates that could not be read");
            rawList(byDecade.path("spanningDates"), "Date ranges spanning more than one decade");
            out.append("</section>\n");
        }

        private void rawList(JsonNode list, String title) {
            if (!list.isArray() || list.isEmpty()) {
                return;
            }
            out.append("<details><summary>").append(Html.text(title)).append(" (").append(list.size())
                    .append(")</summary>\n<ul class=\"raw\">");
            for (JsonNode e : list) {
                out.append("<li><q>").append(Html.text(e.path("raw").asText())).append("</q> × ")
                        .append(e.path("items").asLong()).append("</li>");
            }
            out.append("</ul></details>\n");
        }

        private void tags() {
            JsonNode byTag = stats.path("byTag");
            JsonNode rows = byTag.path("rows");
            section("tags", "Tags");
            out.append("<p>").append(rows.size()).append(" of ").append(byTag.path("distinctTags").asLong())
                    .append(" tags have at least ").append(byTag.path("minItems").asLong())
                    .append(" items and get a row; an item counts in every tag it has.</p>\n");
            if (!rows.isEmpty()) {
                List<Charts.IntervalRow> chartRows = intervalRows(rows, "tag");
                String title = "Share of women per tag";
                if (chartRows.size() > MAX_CHART_TAGS) {
                    chartRows = chartRows.subList(0, MAX_CHART_TAGS);
                    title += " (the " + MAX_CHART_TAGS + " with most items)";
                    out.append("<p class=\"note\">The chart shows the ").append(MAX_CHART_TAGS)
                            .append(" tags with most items; the table lists all ").append(rows.size()).append(".</p>\n");
                }
                image(Charts.intervals(title, chartRows, corrected), "Share of women per tag with 95 % intervals");
                groupTable(rows, "Tag", "tag");
            }
            out.append("</section>\n");
        }

        private List<Charts.IntervalRow> intervalRows(JsonNode rows, String keyField) {
            List<Charts.IntervalRow> list = new ArrayList<>();
            for (JsonNode row : rows) {
                JsonNode s = row.path("shareOfWomen");
                JsonNode c = row.path("correctedShareOfWomen");
                JsonNode ci = correctedInterval(c);
                list.add(new Charts.IntervalRow(row.path(keyField).asText(),
                        num(s, "estimate"), num(s.path("wilson95"), "low"), num(s.path("wilson95"), "high"),
                        num(c, "estimate"), num(ci, "low"), num(ci, "high")));
            }
            return list;
        }

        private void groupTable(JsonNode rows, String keyTitle, String keyField) {
            out.append("<div class=\"scroll\"><table>\n<thead><tr><th>").append(keyTitle).append("</th>")
                    .append("<th>items</th><th>failed</th><th>with faces</th><th>faces</th><th>women</th><th>men</th>")
                    .append("<th>no label</th><th>share of women<br><span class=\"ci\">95 % Wilson</span></th>")
                    .append("<th>95 % item<br>bootstrap</th>");
            if (corrected) {
                out.append("<th>corrected<br><span class=\"ci\">95 % bootstrap</span></th>");
            }
            out.append("</tr></thead>\n<tbody>\n");
            for (JsonNode row : rows) {
                JsonNode s = row.path("shareOfWomen");
                boolean small = s.path("decided").asLong() < Limitations.SMALL_CELL;
                out.append(small ? "<tr class=\"small\">" : "<tr>").append("<th>")
                        .append(Html.text(row.path(keyField).asText())).append("</th>");
                for (String f : List.of("items", "itemsFailed", "itemsWithFaces", "faces", "women", "men", "unknown")) {
                    out.append("<td>").append(Html.count(row.path(f).asLong())).append("</td>");
                }
                out.append("<td class=\"share\">").append(Html.percent(num(s, "estimate"))).append("<br><span class=\"ci\">")
                        .append(interval(s.path("wilson95"))).append("</span></td><td class=\"ci\">")
                        .append(interval(s.path("itemBootstrap95"))).append("</td>");
                if (corrected) {
                    JsonNode c = row.path("correctedShareOfWomen");
                    out.append("<td class=\"share corrected\">").append(Html.percent(num(c, "estimate")))
                            .append(c.path("clamped").asBoolean() ? "<sup title=\"clamped to 0–100 %\">*</sup>" : "")
                            .append("<br><span class=\"ci\">").append(interval(correctedInterval(c)))
                            .append(c.path("bootstrap95").isObject() ? "" : "<sup>†</sup>").append("</span></td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table></div>\n<p class=\"note\">Shaded rows rest on fewer than ")
                    .append(Limitations.SMALL_CELL).append(" labelled faces.")
                    .append(" – in the item bootstrap column: fewer than ").append(CensusStatistics.MIN_BOOTSTRAP_ITEMS)
                    .append(" items with labelled faces, or no labelled woman or man, where resampling items says nothing.")
                    .append(corrected ? " * the corrected share fell outside 0–100 % and was clamped. † no bootstrap "
                            + "for this row: the Wilson interval passed through the correction, which leaves out the "
                            + "evaluation's own error." : "")
                    .append("</p>\n");
        }

        private void composition() {
            JsonNode comp = stats.path("composition");
            section("composition", "Composition");
            out.append("<p>Who each analysed item depicts, from its faces' labels (faces without a label are "
                    + "ignored; an item whose faces all lack one is undetermined).</p>\n");
            List<String> labels = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (JsonNode row : comp.path("rows")) {
                labels.add(row.path("composition").asText());
                counts.add(row.path("items").asLong());
            }
            if (!labels.isEmpty()) {
                image(Charts.bars("Items by composition", "composition", "items", labels,
                        List.of(new Charts.BarSeries("items", Charts.MEN, counts)), false), "Items by composition");
            }
            out.append("<table class=\"narrow\"><thead><tr><th>composition</th><th>items</th><th>share</th>"
                    + "<th>95 % Wilson</th></tr></thead><tbody>\n");
            for (JsonNode row : comp.path("rows")) {
                out.append("<tr><th>").append(Html.text(row.path("composition").asText())).append("</th><td>")
                        .append(Html.count(row.path("items").asLong())).append("</td><td>")
                        .append(Html.percent(num(row, "share"))).append("</td><td>")
                        .append(interval(row.path("wilson95"))).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
            List<String> bins = new ArrayList<>();
            List<Long> binCounts = new ArrayList<>();
            for (JsonNode bin : stats.path("facesPerItem")) {
                bins.add(bin.path("faces").asText());
                binCounts.add(bin.path("items").asLong());
            }
            if (!bins.isEmpty()) {
                image(Charts.bars("Items per number of faces found", "faces in the item", "items", bins,
                        List.of(new Charts.BarSeries("items", Charts.UNKNOWN.darker(), binCounts)), false),
                        "Histogram: analysed items per number of detected faces");
            }
            out.append("</section>\n");
        }

        private void descriptions() {
            JsonNode d = stats.path("descriptions");
            if (!d.isObject()) {
                return;
            }
            section("descriptions", "Description terms by gender");
            out.append("<p>").append(Html.count(d.path("itemsWithDescription").asLong()))
                    .append(" items have a description; the miner <code>").append(Html.text(d.path("miner").asText()))
                    .append("</code> found people named by gender in ").append(Html.count(d.path("itemsWithMentions").asLong()))
                    .append(": women ").append(Html.count(d.path("mentions").path("female").asLong())).append(" times in ")
                    .append(Html.count(d.path("itemsMentioning").path("female").asLong())).append(" descriptions, men ")
                    .append(Html.count(d.path("mentions").path("male").asLong())).append(" times in ")
                    .append(Html.count(d.path("itemsMentioning").path("male").asLong())).append(".</p>\n");
            JsonNode byDecade = d.path("byDecade");
            if (byDecade.size() > 0) {
                List<String> labels = new ArrayList<>();
                List<Long> f = new ArrayList<>();
                List<Long> m = new ArrayList<>();
                for (JsonNode row : byDecade) {
                    labels.add(row.path("decade").asText());
                    f.add(row.path("female").asLong());
                    m.add(row.path("male").asLong());
                }
                image(Charts.bars("Mentions in descriptions per decade", "decade", "mentions", labels, List.of(
                        new Charts.BarSeries("women", Charts.WOMEN, f),
                        new Charts.BarSeries("men", Charts.MEN, m)), false), "Mentions of women and men per decade");
            }
            out.append("<div class=\"columns\">\n");
            for (String gender : List.of("female", "male")) {
                out.append("<div><h3>").append(gender.equals("female") ? "Women" : "Men")
                        .append(": top terms</h3>\n<table class=\"narrow\"><thead><tr><th>term</th><th>mentions</th>"
                                + "<th>descriptions</th></tr></thead><tbody>\n");
                for (JsonNode t : d.path("topTerms").path(gender)) {
                    out.append("<tr><th>").append(Html.text(t.path("term").asText())).append("</th><td>")
                            .append(t.path("mentions").asLong()).append("</td><td>").append(t.path("items").asLong())
                            .append("</td></tr>\n");
                }
                out.append("</tbody></table></div>\n");
            }
            out.append("</div>\n</section>\n");
        }

        private void gallery() {
            section("gallery", "Gallery for auditing");
            out.append("<p>A fixed sample (seed ").append(Gallery.SEED).append(") of up to ").append(Gallery.PER_LABEL)
                    .append(" crops per predicted label, captioned with the item id and the classifier's probability "
                            + "of the label (for faces without a label: of the more likely one). Look for systematic mistakes: they are what the correction cannot see. "
                            + "Thumbnails are embedded in this file.</p>\n");
            Map<Gender, Gallery.Sample> samples = Gallery.sample(outDir, items);
            for (Gender g : List.of(Gender.FEMALE, Gender.MALE, Gender.UNKNOWN)) {
                Gallery.Sample sample = samples.get(g);
                String name = switch (g) {
                    case FEMALE -> "Labelled women";
                    case MALE -> "Labelled men";
                    default -> "No label";
                };
                out.append("<h3>").append(name).append(" <span class=\"muted\">(").append(sample.tiles().size())
                        .append(" of ").append(Html.count(sample.candidates())).append(" crops")
                        .append(sample.unreadable() > 0 ? ", " + sample.unreadable() + " crop files missing or unreadable" : "")
                        .append(")</span></h3>\n");
                if (sample.tiles().isEmpty()) {
                    out.append("<p class=\"note\">None.</p>\n");
                    continue;
                }
                out.append("<div class=\"gallery ").append(g.name().toLowerCase(Locale.ROOT)).append("\">\n");
                for (Gallery.Tile tile : sample.tiles()) {
                    double p = tile.face().probability();
                    out.append("<figure title=\"").append(Html.text(tile.title())).append("\"><img src=\"")
                            .append(tile.dataUri()).append("\" alt=\"face ").append(tile.face().faceIndex())
                            .append(" of ").append(Html.text(tile.face().itemId())).append("\"><figcaption>")
                            .append(Html.text(tile.face().itemId())).append(" #").append(tile.face().faceIndex())
                            .append("<br>").append(Double.isFinite(p) ? String.format(Locale.ROOT, "p = %.2f", p) : "p = –")
                            .append("</figcaption></figure>\n");
                }
                out.append("</div>\n");
            }
            out.append("</section>\n");
        }

        private void classifier() {
            section("classifier", "Classifier error");
            JsonNode c = stats.path("classifier");
            if (!c.isObject()) {
                out.append("<p>No evaluation file was given: the classifier's error on labelled faces is unknown here, "
                        + "and no share is corrected. Make one with <code>facecensus gender evaluate --json FILE</code>."
                        + "</p>\n</section>\n");
                return;
            }
            out.append("<p>Measured on labelled faces (evaluation file <code>").append(Html.text(c.path("source").asText()))
                    .append("</code>, classifier <code>").append(Html.text(c.path("name").asText())).append("</code>). ")
                    .append("Accuracy over decided predictions ").append(Html.percent(num(c, "accuracy")))
                    .append(" (95 % Wilson ").append(interval(c.path("accuracyWilson95"))).append("); sensitivity ")
                    .append(Html.percent(num(c, "sensitivity"))).append(" (women called women), specificity ")
                    .append(Html.percent(num(c, "specificity"))).append(" (men called men).</p>\n");
            JsonNode conf = c.path("confusion");
            out.append("<table class=\"narrow\"><thead><tr><th>true \\ predicted</th><th>female</th><th>male</th></tr>"
                    + "</thead><tbody>\n");
            for (String truth : List.of("female", "male")) {
                out.append("<tr><th>").append(truth).append("</th><td>").append(Html.count(conf.path(truth).path("female").asLong()))
                        .append("</td><td>").append(Html.count(conf.path(truth).path("male").asLong())).append("</td></tr>\n");
            }
            out.append("</tbody></table>\n</section>\n");
        }

        private void runSection() {
            section("run", "Run");
            out.append("<table class=\"narrow kv\"><tbody>\n");
            kv("collection", run.collection());
            kv("metadata", run.metadataFile().isEmpty() ? "none" : run.metadataFile());
            kv("detector", run.detector());
            kv("aligner", run.aligner());
            kv("classifier", run.classifier());
            kv("evaluation file", run.evaluationFile().isEmpty() ? "none" : run.evaluationFile());
            kv("threads", Integer.toString(run.threads()));
            kv("items analysed in this run", Html.count(run.items()));
            kv("time", formatDuration(run.elapsedSeconds()));
            out.append("</tbody></table>\n<h3>Models</h3>\n");
            if (run.models().isEmpty()) {
                out.append("<p class=\"note\">No model provenance was recorded.</p>\n");
            } else {
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
            out.append("</section>\n");
        }

        private void kv(String key, String value) {
            out.append("<tr><th>").append(Html.text(key)).append("</th><td>").append(Html.text(value)).append("</td></tr>\n");
        }

        private void limitations() {
            section("limitations", "Limitations of these numbers");
            out.append("<ul class=\"limits\">\n");
            for (String paragraph : Limitations.of(stats, items, run.detector())) {
                out.append("<li>").append(Html.text(paragraph)).append("</li>\n");
            }
            out.append("</ul>\n</section>\n");
        }

        private void method() {
            JsonNode m = stats.path("method");
            section("method", "Method");
            out.append("<ul>\n");
            out.append("<li><b>Share:</b> ").append(Html.text(m.path("shares").asText())).append(".</li>\n");
            out.append("<li><b>Intervals:</b> ").append(Html.text(m.path("interval").asText())).append(".</li>\n");
            out.append("<li><b>Correction:</b> ").append(Html.text(m.path("correction").asText())).append(".</li>\n");
            JsonNode b = m.path("bootstrap");
            out.append("<li><b>Bootstrap:</b> ").append(b.path("samples").asLong()).append(" resamples, seed ")
                    .append(b.path("seed").asLong()).append("; unit: ").append(Html.text(b.path("unit").asText()))
                    .append("; ").append(Html.text(b.path("interval").asText())).append(".</li>\n");
            out.append("<li><b>Figures:</b> the full numbers are in <code>stats.json</code> (schema <code>")
                    .append(Html.text(stats.path("schema").asText())).append("</code>).</li>\n");
            out.append("</ul>\n</section>\n");
        }

        private void section(String id, String title) {
            out.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.text(title)).append("</h2>\n");
        }

        private void image(String dataUri, String alt) {
            out.append("<figure class=\"chart\"><img src=\"").append(dataUri).append("\" alt=\"")
                    .append(Html.text(alt)).append("\"></figure>\n");
        }

        /** The corrected share's bootstrap interval, or the corrected Wilson one where the row has none. */
        private static JsonNode correctedInterval(JsonNode corrected) {
            JsonNode bootstrap = corrected.path("bootstrap95");
            return bootstrap.isObject() ? bootstrap : corrected.path("correctedWilson95");
        }

        private static double num(JsonNode node, String field) {
            JsonNode v = node.path(field);
            return v.isNumber() ? v.asDouble() : Double.NaN;
        }

        private static String interval(JsonNode interval) {
            return Html.interval(num(interval, "low"), num(interval, "high"));
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

    private static final String CSS = """
            :root { --women: #cc6677; --men: #4477aa; --unknown: #bbbbbb; --corrected: #ee7733; --ink: #222;
                    --muted: #666; --line: #e2e2e2; --shade: #f6f6f4; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
            main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 64px; }
            h1 { font-size: 28px; margin: 0 0 6px; }
            h2 { font-size: 21px; margin: 40px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
            h3 { font-size: 16px; margin: 20px 0 8px; }
            .lede { color: var(--muted); margin-top: 0; }
            nav { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 8px 0; border-bottom: 1px solid var(--line); }
            nav a { color: var(--men); text-decoration: none; }
            .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(110px, 1fr)); gap: 10px; margin: 10px 0; }
            .cards.wide { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
            .card { background: var(--shade); border-radius: 6px; padding: 10px 12px; border-top: 4px solid var(--line); }
            .card .value { font-size: 22px; font-weight: 600; }
            .card.big .value { font-size: 32px; }
            .card .label { color: var(--muted); font-size: 13px; }
            .card.women { border-top-color: var(--women); } .card.men { border-top-color: var(--men); }
            .card.unknown { border-top-color: var(--unknown); } .card.warn { border-top-color: #c33; }
            .card.corrected { border-top-color: var(--corrected); } .card.muted .value { color: var(--muted); }
            figure.chart { margin: 14px 0; } figure.chart img { max-width: 100%; height: auto; display: block; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 13px; margin: 8px 0; width: 100%; }
            table.narrow { width: auto; }
            th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
            th:first-child, tbody th { text-align: left; }
            tbody th { font-weight: 500; white-space: normal; }
            thead th { border-bottom: 2px solid #999; font-weight: 600; text-align: right; }
            thead th:first-child { text-align: left; }
            tr.small td, tr.small th { background: var(--shade); color: var(--muted); }
            table.kv td { text-align: left; white-space: normal; }
            td.wrap { white-space: normal; word-break: break-all; text-align: left; }
            td.hash { min-width: 24ch; } td.hash code { font-size: 11px; }
            table.models tbody th { white-space: nowrap; } table.models thead th { text-align: left; }
            .note, .muted { color: var(--muted); font-size: 13px; }
            .ci { color: var(--muted); font-size: 12px; }
            td.share { font-weight: 600; } td.share .ci { font-weight: 400; }
            td.corrected { color: #a84d12; }
            .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
            .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(104px, 1fr)); gap: 8px; }
            .gallery figure { margin: 0; text-align: center; font-size: 11px; color: var(--muted); }
            .gallery img { width: 96px; height: 96px; object-fit: cover; border-radius: 4px; border: 3px solid var(--unknown); }
            .gallery.female img { border-color: var(--women); } .gallery.male img { border-color: var(--men); }
            ul.limits li { margin-bottom: 8px; }
            ul.raw { columns: 3; font-size: 13px; }
            details { margin: 6px 0; }
            """;
}
