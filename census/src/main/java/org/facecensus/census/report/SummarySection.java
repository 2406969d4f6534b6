package org.facecensus.census.report;

import org.facecensus.census.stats.CorrectedShareOfWomen;
import org.facecensus.census.stats.ShareOfWomen;
import org.facecensus.census.stats.Totals;

/**
 * The summary: the run's counts as cards, then the overall share of women, observed and corrected.
 *
 * <p>Thread-safety: stateless.
 */
final class SummarySection extends ReportSection {
    SummarySection() {
        super("summary", "Summary", "Summary");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        Totals t = input.stats().totals();
        ShareOfWomen share = input.stats().overall().shareOfWomen();
        out.append("<div class=\"cards\">\n");
        card(out, "items", t.items(), null);
        card(out, "analysed", t.itemsAnalysed(), null);
        card(out, "failed", t.itemsFailed(), t.itemsFailed() > 0 ? "warn" : null);
        card(out, "with ≥ 1 face", t.itemsWithFaces(), null);
        card(out, "faces", t.faces(), null);
        card(out, "women", t.women(), "women");
        card(out, "men", t.men(), "men");
        card(out, "no label", t.unknown(), "unknown");
        out.append("</div>\n<div class=\"cards wide\">\n");
        out.append("<div class=\"card big\"><div class=\"value\">").append(Html.percent(share.estimate()))
                .append("</div><div class=\"label\">share of women among labelled faces<br>95 % Wilson ")
                .append(Html.interval(share.wilson95()))
                .append(share.itemBootstrap95() != null ? " · item bootstrap " + Html.interval(share.itemBootstrap95()) : "")
                .append("</div></div>\n");
        if (input.stats().corrected()) {
            CorrectedShareOfWomen c = input.stats().overall().correctedShareOfWomen();
            out.append("<div class=\"card big corrected\"><div class=\"value\">").append(Html.percent(c.estimate()))
                    .append("</div><div class=\"label\">corrected for classifier error (Rogan–Gladen)<br>")
                    .append(c.bootstrap95() != null ? "95 % bootstrap " : "95 % Wilson, corrected ")
                    .append(Html.interval(c.bootstrapOrCorrectedWilson())).append("</div></div>\n");
        } else {
            out.append("<div class=\"card big muted\"><div class=\"value\">–</div><div class=\"label\">not corrected "
                    + "for classifier error: no evaluation file was given</div></div>\n");
        }
        out.append("</div>\n");
    }

    private static void card(StringBuilder out, String label, long value, String cls) {
        out.append("<div class=\"card").append(cls == null ? "" : " " + cls).append("\"><div class=\"value\">")
                .append(Html.count(value)).append("</div><div class=\"label\">").append(Html.text(label))
                .append("</div></div>\n");
    }
}
