package org.facecensus.census.report;

import java.util.ArrayList;
import java.util.List;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.census.stats.CorrectedShareOfWomen;
import org.facecensus.census.stats.GroupRow;
import org.facecensus.census.stats.ShareInterval;
import org.facecensus.census.stats.ShareOfWomen;
import org.facecensus.census.stats.Shares;

/**
 * The table and the interval chart rows of named group rows, as the decades and the tags sections
 * show them.
 *
 * <p>Thread-safety: stateless.
 */
final class GroupRows {
    private GroupRows() {
    }

    /** The rows for {@link Charts#intervals}: observed and corrected shares with their intervals. */
    static List<Charts.IntervalRow> chartRows(List<? extends GroupRow.Named> rows) {
        List<Charts.IntervalRow> list = new ArrayList<>();
        for (GroupRow.Named row : rows) {
            ShareOfWomen s = row.figures().shareOfWomen();
            CorrectedShareOfWomen c = row.figures().correctedShareOfWomen();
            ShareInterval corrected = c == null ? null : c.bootstrapOrCorrectedWilson();
            list.add(new Charts.IntervalRow(row.name(), Shares.orNaN(s.estimate()), low(s.wilson95()),
                    high(s.wilson95()), c == null ? Double.NaN : Shares.orNaN(c.estimate()), low(corrected),
                    high(corrected)));
        }
        return list;
    }

    private static double low(ShareInterval interval) {
        return interval == null ? Double.NaN : Shares.orNaN(interval.low());
    }

    private static double high(ShareInterval interval) {
        return interval == null ? Double.NaN : Shares.orNaN(interval.high());
    }

    /**
     * The table of counts and shares, one line per row; rows resting on few labelled faces shaded.
     *
     * @param nameTitle the heading of the rows' name column
     * @param corrected whether the statistics have corrected shares
     */
    static void table(StringBuilder out, List<? extends GroupRow.Named> rows, String nameTitle, boolean corrected) {
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>").append(nameTitle).append("</th>")
                .append("<th>items</th><th>failed</th><th>with faces</th><th>faces</th><th>women</th><th>men</th>")
                .append("<th>no label</th><th>share of women<br><span class=\"ci\">95 % Wilson</span></th>")
                .append("<th>95 % item<br>bootstrap</th>");
        if (corrected) {
            out.append("<th>corrected<br><span class=\"ci\">95 % bootstrap</span></th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (GroupRow.Named row : rows) {
            GroupRow g = row.figures();
            ShareOfWomen s = g.shareOfWomen();
            boolean small = s.decided() < Limitations.SMALL_CELL;
            out.append(small ? "<tr class=\"small\">" : "<tr>").append("<th>")
                    .append(Html.text(row.name())).append("</th>");
            for (long count : new long[] {g.items(), g.itemsFailed(), g.itemsWithFaces(), g.faces(), g.women(), g.men(),
                    g.unknown()}) {
                out.append("<td>").append(Html.count(count)).append("</td>");
            }
            out.append("<td class=\"share\">").append(Html.percent(s.estimate())).append("<br><span class=\"ci\">")
                    .append(Html.interval(s.wilson95())).append("</span></td><td class=\"ci\">")
                    .append(Html.interval(s.itemBootstrap95())).append("</td>");
            if (corrected) {
                CorrectedShareOfWomen c = g.correctedShareOfWomen();
                out.append("<td class=\"share corrected\">").append(Html.percent(c.estimate()))
                        .append(c.clamped() ? "<sup title=\"clamped to 0–100 %\">*</sup>" : "")
                        .append("<br><span class=\"ci\">").append(Html.interval(c.bootstrapOrCorrectedWilson()))
                        .append(c.bootstrap95() != null ? "" : "<sup>†</sup>").append("</span></td>");
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
}
