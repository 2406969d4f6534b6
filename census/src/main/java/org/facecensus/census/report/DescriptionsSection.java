package org.facecensus.census.report;

import java.util.List;
import org.facecensus.census.stats.DescriptionFigures;

/**
 * How the catalogue descriptions name women and men: counts, mentions per decade, top terms. Only in
 * reports whose statistics were made with a description miner.
 *
 * <p>Thread-safety: stateless.
 */
final class DescriptionsSection extends ReportSection {
    DescriptionsSection() {
        super("descriptions", "Descriptions", "Description terms by gender");
    }

    @Override
    boolean shown(ReportInput input) {
        return input.stats().descriptions() != null;
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        DescriptionFigures d = input.stats().descriptions();
        out.append("<p>").append(Html.count(d.itemsWithDescription()))
                .append(" items have a description; the miner <code>").append(Html.text(d.miner()))
                .append("</code> found people named by gender in ").append(Html.count(d.itemsWithMentions()))
                .append(": women ").append(Html.count(d.mentions().female())).append(" times in ")
                .append(Html.count(d.itemsMentioning().female())).append(" descriptions, men ")
                .append(Html.count(d.mentions().male())).append(" times in ")
                .append(Html.count(d.itemsMentioning().male())).append(".</p>\n");
        List<DescriptionFigures.Decade> byDecade = d.byDecade();
        if (!byDecade.isEmpty()) {
            List<String> labels = byDecade.stream().map(DescriptionFigures.Decade::decade).toList();
            List<Long> women = byDecade.stream().map(DescriptionFigures.Decade::female).toList();
            List<Long> men = byDecade.stream().map(DescriptionFigures.Decade::male).toList();
            out.append(Html.chart(Charts.bars("Mentions in descriptions per decade", "decade", "mentions", labels, List.of(
                    new Charts.BarSeries("women", Charts.WOMEN, women),
                    new Charts.BarSeries("men", Charts.MEN, men)), false), "Mentions of women and men per decade"));
        }
        out.append("<div class=\"columns\">\n");
        terms(out, "Women", d.topTerms().female());
        terms(out, "Men", d.topTerms().male());
        out.append("</div>\n");
    }

    private static void terms(StringBuilder out, String who, List<DescriptionFigures.Term> terms) {
        out.append("<div><h3>").append(who)
                .append(": top terms</h3>\n<table class=\"narrow\"><thead><tr><th>term</th><th>mentions</th>"
                        + "<th>descriptions</th></tr></thead><tbody>\n");
        for (DescriptionFigures.Term t : terms) {
            out.append("<tr><th>").append(Html.text(t.term())).append("</th><td>")
                    .append(t.mentions()).append("</td><td>").append(t.items()).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }
}
