package org.facecensus.census.report;

import java.util.ArrayList;
import java.util.List;
import org.facecensus.census.stats.ByDecade;

/**
 * Faces per decade by gender, the share of women per decade with its intervals, the table, and why
 * undated items are undated.
 *
 * <p>Thread-safety: stateless.
 */
final class DecadesSection extends ReportSection {
    DecadesSection() {
        super("decades", "Decades", "Decades");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        ByDecade byDecade = input.stats().byDecade();
        if (byDecade.rows().isEmpty()) {
            out.append("<p>No items.</p>\n");
            return;
        }
        boolean corrected = input.stats().corrected();
        facesChart(out, byDecade.rows());
        out.append(Html.chart(Charts.intervals("Share of women per decade", GroupRows.chartRows(byDecade.rows()),
                corrected), "Share of women per decade with 95 % intervals"));
        GroupRows.table(out, byDecade.rows(), "Decade", corrected);
        ByDecade.Undated undated = byDecade.undated();
        out.append("<p class=\"note\">Undated: ").append(undated.noDate()).append(" without a date, ")
                .append(undated.unparsed()).append(" unreadable, ")
                .append(undated.spansDecades()).append(" spanning decades.</p>\n");
        rawDates(out, byDecade.unparsedDates(), "Dates that could not be read");
        rawDates(out, byDecade.spanningDates(), "Date ranges spanning more than one decade");
    }

    /** Stacked bars of the faces labelled women, men and neither, per decade. */
    private static void facesChart(StringBuilder out, List<ByDecade.Row> rows) {
        List<String> labels = new ArrayList<>();
        List<Long> women = new ArrayList<>();
        List<Long> men = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (ByDecade.Row row : rows) {
            labels.add(row.decade());
            women.add(row.figures().women());
            men.add(row.figures().men());
            unknown.add(row.figures().unknown());
        }
        out.append(Html.chart(Charts.bars("Faces per decade by predicted gender", "decade", "faces", labels, List.of(
                new Charts.BarSeries("women", Charts.WOMEN, women),
                new Charts.BarSeries("men", Charts.MEN, men),
                new Charts.BarSeries("no label", Charts.UNKNOWN, unknown)), true),
                "Stacked bars: faces labelled women, men and without label, per decade"));
    }

    private static void rawDates(StringBuilder out, List<ByDecade.RawDate> dates, String title) {
        if (dates.isEmpty()) {
            return;
        }
        out.append("<details><summary>").append(Html.text(title)).append(" (").append(dates.size())
                .append(")</summary>\n<ul class=\"raw\">");
        for (ByDecade.RawDate date : dates) {
            out.append("<li><q>").append(Html.text(date.raw())).append("</q> × ").append(date.items()).append("</li>");
        }
        out.append("</ul></details>\n");
    }
}
