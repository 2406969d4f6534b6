package org.facecensus.census.report;

import java.util.List;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.CompositionFigures;

/**
 * Items by composition (who an item depicts), and the histogram of faces per item.
 *
 * <p>Thread-safety: stateless.
 */
final class CompositionSection extends ReportSection {
    CompositionSection() {
        super("composition", "Composition", "Composition");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        List<CompositionFigures.Row> rows = input.stats().composition().rows();
        out.append("<p>Who each analysed item depicts, from its faces' labels (faces without a label are "
                + "ignored; an item whose faces all lack one is undetermined).</p>\n");
        if (!rows.isEmpty()) {
            List<String> labels = rows.stream().map(CompositionFigures.Row::composition).toList();
            List<Long> counts = rows.stream().map(CompositionFigures.Row::items).toList();
            out.append(Html.chart(Charts.bars("Items by composition", "composition", "items", labels,
                    List.of(new Charts.BarSeries("items", Charts.MEN, counts)), false), "Items by composition"));
        }
        out.append("<table class=\"narrow\"><thead><tr><th>composition</th><th>items</th><th>share</th>"
                + "<th>95 % Wilson</th></tr></thead><tbody>\n");
        for (CompositionFigures.Row row : rows) {
            out.append("<tr><th>").append(Html.text(row.composition())).append("</th><td>")
                    .append(Html.count(row.items())).append("</td><td>")
                    .append(Html.percent(row.share())).append("</td><td>")
                    .append(Html.interval(row.wilson95())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        List<CensusFigures.FacesPerItem> bins = input.stats().facesPerItem();
        if (!bins.isEmpty()) {
            List<String> labels = bins.stream().map(CensusFigures.FacesPerItem::faces).toList();
            List<Long> counts = bins.stream().map(CensusFigures.FacesPerItem::items).toList();
            out.append(Html.chart(Charts.bars("Items per number of faces found", "faces in the item", "items", labels,
                    List.of(new Charts.BarSeries("items", Charts.UNKNOWN.darker(), counts)), false),
                    "Histogram: analysed items per number of detected faces"));
        }
    }
}
