package org.facecensus.census.report;

import java.util.List;
import java.util.Locale;
import org.facecensus.census.stats.Estimate;
import org.facecensus.census.stats.FaceProminence;
import org.facecensus.census.stats.ProminenceFigures;
import org.facecensus.census.stats.ProminenceGroups;
import org.facecensus.census.stats.Shares;

/**
 * How prominently women and men are shown: the women's share of face area beside their share of the
 * head count, the share of central figures who are women, and mean size rank, size and distance from
 * the centre by gender; overall, per decade and per tag.
 *
 * <p>Thread-safety: stateless.
 */
final class ProminenceSection extends ReportSection {
    ProminenceSection() {
        super("prominence", "Prominence", "Prominence: how large and how central");
    }

    @Override
    boolean shown(ReportInput input) {
        return input.stats().prominence() != null;
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        ProminenceGroups groups = input.stats().prominence();
        ProminenceFigures all = groups.overall();
        boolean corrected = input.stats().corrected();
        out.append("<p>Head count says who is there; prominence says how they are shown. A face's <em>area</em> is its "
                + "box as a share of the image; its <em>size rank</em> is 1 for the item's largest face; the <em>central "
                + "figure</em> is the largest face when it is the only one or at least ")
                .append(String.format(Locale.ROOT, "%.0f", FaceProminence.CENTRAL_RATIO))
                .append(" times the area of the next. Intervals are 95 % cluster bootstraps over items. Only detected faces "
                        + "count: small background figures the detector missed would lower everyone's area and push up "
                        + "the ranks of the faces it found, and a face in profile or turned away may be missed "
                        + "whatever its size.</p>\n");
        out.append("<p class=\"key\">Women are <strong>").append(Html.percent(all.headcountShare().estimate()))
                .append("</strong> of the labelled faces ").append(ci(all.headcountShare()))
                .append(" but hold <strong>").append(Html.percent(all.areaShareOfWomen().estimate()))
                .append("</strong> of their face area ").append(ci(all.areaShareOfWomen())).append(": ")
                .append(pp(all.areaMinusHeadcount())).append(". ")
                .append("Of ").append(Html.count(all.centralFigures().decided()))
                .append(" central figures with a label, <strong>").append(Html.percent(all.centralFigures().estimate()))
                .append("</strong> are women ").append(ci(all.centralFigures().itemBootstrap95() != null
                        ? all.centralFigures().itemBootstrap95() : all.centralFigures().wilson95()));
        if (corrected && all.correctedCentralShare() != null) {
            out.append(" (corrected for classifier error: ").append(Html.percent(all.correctedCentralShare().estimate()))
                    .append(" ").append(ci(all.correctedCentralShare())).append(")");
        }
        out.append(".</p>\n");
        if (all.itemsMeasured() < all.itemsWithDecidedFace()) {
            out.append("<p class=\"note\">").append(all.itemsWithDecidedFace() - all.itemsMeasured())
                    .append(" items have no recorded image size (a census written before sizes were kept): their faces "
                            + "count for rank and central figure, not for area or distance.</p>\n");
        }
        out.append("<div class=\"scroll\"><table>\n<thead><tr><th>label</th><th>faces</th><th>mean size rank</th>"
                + "<th>mean area (% of image)</th><th>mean distance from centre<br><span class=\"ci\">0 centre, 1 corner"
                + "</span></th></tr></thead>\n<tbody>\n");
        for (ProminenceFigures.GenderMeans g : all.byGender()) {
            out.append("<tr><th>").append(g.gender().equals("female") ? "women" : "men").append("</th><td>")
                    .append(Html.count(g.faces())).append("</td><td>").append(number(g.meanSizeRank(), 2))
                    .append("</td><td>").append(percentWithCi(g.meanAreaShare())).append("</td><td>")
                    .append(number(g.meanCentreDistance(), 3)).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
        groupTable(out, "Per decade", "decade", groups.byDecade());
        groupTable(out, "Per tag", "tag", groups.byTag());
    }

    private static void groupTable(StringBuilder out, String title, String nameTitle, List<ProminenceGroups.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("<h3>").append(title).append("</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>").append(nameTitle)
                .append("</th><th>items with a<br>labelled face</th><th>head count<br><span class=\"ci\">women</span></th>")
                .append("<th>face area<br><span class=\"ci\">women</span></th><th>area − head count</th>")
                .append("<th>central figures<br><span class=\"ci\">women</span></th>")
                .append("<th>mean size rank<br><span class=\"ci\">women / men</span></th></tr></thead>\n<tbody>\n");
        for (ProminenceGroups.Row row : rows) {
            ProminenceFigures p = row.figures();
            out.append("<tr><th>").append(Html.text(row.group())).append("</th><td>")
                    .append(Html.count(p.itemsWithDecidedFace())).append("</td><td>")
                    .append(percentWithCi(p.headcountShare())).append("</td><td>")
                    .append(percentWithCi(p.areaShareOfWomen())).append("</td><td>").append(pp(p.areaMinusHeadcount()))
                    .append("</td><td>").append(Html.percent(p.centralFigures().estimate())).append(" <span class=\"ci\">of ")
                    .append(p.centralFigures().decided()).append(" ")
                    .append(Html.interval(p.centralFigures().itemBootstrap95() != null ? p.centralFigures().itemBootstrap95()
                            : p.centralFigures().wilson95()))
                    .append("</span></td><td>").append(number(p.byGender().get(0).meanSizeRank(), 2)).append(" / ")
                    .append(number(p.byGender().get(1).meanSizeRank(), 2)).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    static String ci(Estimate e) {
        return e == null || e.interval95() == null ? "" : "<span class=\"ci\">(" + Html.interval(e.interval95()) + ")</span>";
    }

    private static String ci(org.facecensus.census.stats.ShareInterval i) {
        return i == null ? "" : "<span class=\"ci\">(" + Html.interval(i) + ")</span>";
    }

    static String percentWithCi(Estimate e) {
        return Html.percent(e.estimate()) + (e.interval95() == null ? "" : "<br><span class=\"ci\">"
                + Html.interval(e.interval95()) + "</span>");
    }

    /** A difference of shares in percentage points with its interval: "−9.5 pp (−20.1 to +1.2 pp)". */
    static String pp(Estimate e) {
        if (e == null || e.estimate() == null) {
            return "–";
        }
        String s = Html.points(e.estimate());
        if (e.interval95() != null) {
            s += " <span class=\"ci\">(" + Html.points(Shares.orNaN(e.interval95().low())) + " to "
                    + Html.points(Shares.orNaN(e.interval95().high())) + ")</span>";
        }
        return s;
    }

    static String number(Estimate e, int places) {
        if (e == null || e.estimate() == null) {
            return "–";
        }
        String f = "%." + places + "f";
        String s = String.format(Locale.ROOT, f, e.estimate());
        if (e.interval95() != null) {
            s += " <span class=\"ci\">(" + String.format(Locale.ROOT, f, e.interval95().low()) + "–"
                    + String.format(Locale.ROOT, f, e.interval95().high()) + ")</span>";
        }
        return s;
    }
}
