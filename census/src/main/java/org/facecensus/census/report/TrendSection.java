package org.facecensus.census.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.facecensus.census.stats.ByDecade;
import org.facecensus.census.stats.ComparisonFigures;
import org.facecensus.census.stats.TrendFigures;
import org.facecensus.census.stats.TrendStatistics;

/**
 * The share of women against year as a logistic trend with its cluster-bootstrap band, the slope
 * per decade with its interval and bootstrap p-value, and the comparisons of two subsets.
 *
 * <p>Thread-safety: stateless.
 */
final class TrendSection extends ReportSection {
    TrendSection() {
        super("trend", "Trend", "Trend over the years, and comparisons");
    }

    @Override
    boolean shown(ReportInput input) {
        return input.stats().trend() != null;
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        TrendFigures t = input.stats().trend();
        boolean corrected = input.stats().corrected();
        out.append("<p>A logistic regression of each labelled face (woman or man) on its item's year; the item's year "
                + "is the middle of its catalogue date (ranges over ").append(TrendStatistics.MAX_RANGE_YEARS)
                .append(" years and undated items are left out). Items, not faces, are the unit of the uncertainty: "
                        + "the band and intervals are percentile <em>cluster bootstraps</em> that resample items with all "
                        + "their faces.</p>\n");
        if (!t.fitted()) {
            out.append("<p class=\"key\">No trend: ").append(Html.text(t.reason())).append(".</p>\n");
        } else {
            List<double[]> decades = new ArrayList<>();
            for (ByDecade.Row row : input.stats().byDecade().rows()) {
                Double share = row.figures().shareOfWomen().estimate();
                if (row.fromYear() != null && share != null) {
                    decades.add(new double[] {row.fromYear() + 5, share});
                }
            }
            out.append(Html.chart(Charts.trend("Share of women by year: logistic trend", t.curve(), decades, corrected),
                    "Fitted share of women by year with its 95 % cluster-bootstrap band"));
            String direction = t.slopePerDecade().estimate() > 0 ? "rises" : "falls";
            out.append("<p class=\"key\">Over ").append(Html.count(t.items())).append(" dated items (")
                    .append(t.fromYear()).append("–").append(t.toYear()).append(", ").append(Html.count(t.faces()))
                    .append(" labelled faces) the share of women ").append(direction).append(" from ")
                    .append(Html.percent(t.curve().get(0).share())).append(" to ")
                    .append(Html.percent(t.curve().get(t.curve().size() - 1).share()))
                    .append(": odds ratio per decade <strong>")
                    .append(ProminenceSection.number(t.oddsRatioPerDecade(), 2)).append("</strong> (log-odds slope ")
                    .append(ProminenceSection.number(t.slopePerDecade(), 3)).append(")");
            if (t.bootstrapP() != null) {
                out.append(", bootstrap p = ").append(String.format(Locale.ROOT, "%.3f", t.bootstrapP()))
                        .append(t.slopePerDecade().excludesZero() ? ": the interval excludes no change."
                                : ": the interval includes no change, so the data do not show a trend.");
            }
            out.append("</p>\n");
            if (t.undefinedSamples() > 0) {
                out.append("<p class=\"note\">").append(t.undefinedSamples()).append(" of ").append(t.samples())
                        .append(" bootstrap replicates had no finite fit (one label only, or separated) and were left out.</p>\n");
            }
        }
        comparisons(out, input.stats().comparisons(), corrected);
    }

    private static void comparisons(StringBuilder out, List<ComparisonFigures> comparisons, boolean corrected) {
        out.append("<h3>Comparisons</h3>\n");
        if (comparisons.isEmpty()) {
            out.append("<p>No comparison: the run has fewer than two tags or decades with enough items; ask for one "
                    + "with <code>--compare 'tag:A vs tag:B'</code>.</p>\n");
            return;
        }
        out.append("<p>Differences are the second subset minus the first, in percentage points, with 95 % intervals "
                + "from a cluster bootstrap that resamples each subset's items apart.</p>\n");
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>subsets</th><th>items</th>")
                .append("<th>share of women</th><th>difference</th>")
                .append(corrected ? "<th>corrected difference</th>" : "")
                .append("<th>face area, women</th><th>difference</th><th>central figures, women</th><th>difference</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (ComparisonFigures c : comparisons) {
            out.append("<tr><th>").append(Html.text(c.a().subset())).append("<br>").append(Html.text(c.b().subset()))
                    .append("</th><td>").append(c.a().items()).append("<br>").append(c.b().items()).append("</td><td>")
                    .append(Html.percent(c.a().shareOfWomen())).append("<br>").append(Html.percent(c.b().shareOfWomen()))
                    .append("</td><td>").append(ProminenceSection.pp(c.shareOfWomen())).append("</td>");
            if (corrected) {
                out.append("<td>").append(ProminenceSection.pp(c.correctedShareOfWomen())).append("</td>");
            }
            out.append("<td>").append(Html.percent(c.a().areaShareOfWomen())).append("<br>")
                    .append(Html.percent(c.b().areaShareOfWomen())).append("</td><td>")
                    .append(ProminenceSection.pp(c.areaShareOfWomen())).append("</td><td>")
                    .append(Html.percent(c.a().centralFiguresWomen())).append("<br>")
                    .append(Html.percent(c.b().centralFiguresWomen())).append("</td><td>")
                    .append(ProminenceSection.pp(c.centralFiguresWomen())).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }
}
