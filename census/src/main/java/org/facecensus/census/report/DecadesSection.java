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
final class DecadesSection implements ReportSection {
    @Override
    public String id() {
        return "decades";
    }

    @Override
    public String navLabel() {
        return "Decades";
    }

    @Override
    public String heading() {
        return "Decades";
    }

    @Override
    public void render(ReportInput input, StringBuilder out) {
        ByDecade byDecade = input.stats().byDecade();
        List<ByDecade.Row> rows = byDecade.rows();
        if (rows.isEmpty()) {
            out.append("<p>No items.</p>\n");
            return;
        }
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
        boolean corrected = input.stats().corrected();
        out.append(Html.chart(Charts.bars("Faces per decade by predicted gender", "decade", "faces", labels, List.of(
                new Charts.BarSeries("women", Charts.WOMEN, women),
                new Charts.BarSeries("men", Charts.MEN, men),
                new Charts.BarSeries("no label", Charts.UNKNOWN, unknown)), true),
                "Stacked bars: faces labelled women, men and without label, per decade"));
        out.append(Html.chart(Charts.intervals("Share of women per decade", GroupRows.chartRows(rows), corrected),
                "Share of women per decade with 95 % intervals"));
        GroupRows.table(out, rows, "Decade", corrected);
        ByDecade.Undated undated = byDecade.undated();
        out.append("<p class=\"note\">Undated: ").append(undated.noDate()).append(" without a date, ")
                .append(undated.unparsed()).append(" unreadable, ")
                .append(undated.spansDecades()).append(" spanning decades.</p>\n");
        rawDates(out, byDecade.unparsedDates(), "Dates that could not be read");
        rawDates(out, byDecade.spanningDates(), "Date ranges spanning more than one decade");
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
