package org.facecensus.census.report;

import java.util.List;
import org.facecensus.census.stats.ByTag;

/**
 * The share of women per tag with its intervals (the chart limited to the tags with most items),
 * and the table of every tag with a row.
 *
 * <p>Thread-safety: stateless.
 */
final class TagsSection extends ReportSection {
    /** A taller interval chart stops being readable; the table below it has every tag. */
    static final int MAX_CHART_TAGS = 40;

    TagsSection() {
        super("tags", "Tags", "Tags");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        ByTag byTag = input.stats().byTag();
        List<ByTag.Row> rows = byTag.rows();
        out.append("<p>").append(rows.size()).append(" of ").append(byTag.distinctTags())
                .append(" tags have at least ").append(byTag.minItems())
                .append(" items and get a row; an item counts in every tag it has.</p>\n");
        if (rows.isEmpty()) {
            return;
        }
        List<Charts.IntervalRow> chartRows = GroupRows.chartRows(rows);
        String title = "Share of women per tag";
        if (chartRows.size() > MAX_CHART_TAGS) {
            chartRows = chartRows.subList(0, MAX_CHART_TAGS);
            title += " (the " + MAX_CHART_TAGS + " with most items)";
            out.append("<p class=\"note\">The chart shows the ").append(MAX_CHART_TAGS)
                    .append(" tags with most items; the table lists all ").append(rows.size()).append(".</p>\n");
        }
        boolean corrected = input.stats().corrected();
        out.append(Html.chart(Charts.intervals(title, chartRows, corrected), "Share of women per tag with 95 % intervals"));
        GroupRows.table(out, rows, "Tag", corrected);
    }
}
