package org.facecensus.census.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and returned as PNG {@code data:} URIs so the report needs
 * no file beside it.
 *
 * <p>Thread-safety: stateless; XChart charts are built per call.
 */
final class Charts {
    static final Color WOMEN = new Color(0xCC, 0x66, 0x77);
    static final Color MEN = new Color(0x44, 0x77, 0xAA);
    static final Color UNKNOWN = new Color(0xBB, 0xBB, 0xBB);
    static final Color OBSERVED = new Color(0x33, 0x33, 0x33);
    static final Color CORRECTED = new Color(0xEE, 0x77, 0x33);
    private static final int WIDTH = 900;
    /** Longest axis label drawn; the tables beside each chart give the full text. */
    private static final int MAX_LABEL = 28;

    private Charts() {
    }

    /** One bar series of a category chart. */
    record BarSeries(String name, Color color, List<? extends Number> values) {
    }

    /** One row of an interval chart: observed share and, when known, the corrected one. */
    record IntervalRow(String label, double observed, double observedLow, double observedHigh,
                       double corrected, double correctedLow, double correctedHigh) {
    }

    static String bars(String title, String xTitle, String yTitle, List<String> categories, List<BarSeries> series,
                       boolean stacked) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(380).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setStacked(stacked);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 8 ? 45 : 0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisMin(0.0);
        List<String> labels = categories.stream().map(Charts::shorten).toList();
        for (BarSeries s : series) {
            chart.addSeries(s.name(), labels, s.values()).setFillColor(s.color());
        }
        return png(chart);
    }

    /**
     * A forest plot: one line per row, the share with its 95 % interval; observed in dark grey,
     * corrected (when given) in orange just below it; a dotted line at parity (50 %).
     */
    static String intervals(String title, List<IntervalRow> rows, boolean withCorrected) {
        int n = rows.size();
        int rowHeight = 30;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(110 + rowHeight * Math.max(n, 2)).title(title)
                .xAxisTitle("share of women among faces with a gender label").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(1.0);
        chart.getStyler().setYAxisMin(-0.6);
        chart.getStyler().setYAxisMax(n - 0.4);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        // A tick per row: the labels are the row names. XChart drops an axis's labels when two are
        // equal, so ticks between rows (should it choose a finer step) get distinct blank labels.
        chart.getStyler().setYAxisTickMarkSpacingHint(rowHeight);
        chart.getStyler().setAxisTicksMarksVisible(false);
        chart.setCustomYAxisTickLabelsFormatter(y -> {
            long index = Math.round(y);
            if (Math.abs(y - index) > 1e-6 || index < 0 || index >= n) {
                return " ".repeat(1 + (int) Math.round((y + 2) * 8));
            }
            return shorten(rows.get((int) (n - 1 - index)).label());
        });
        chart.setCustomXAxisTickLabelsFormatter(x -> String.format(Locale.ROOT, "%.0f%%", x * 100));

        XYSeries parity = chart.addSeries("parity (50 %)", new double[] {0.5, 0.5}, new double[] {-0.6, n - 0.4});
        parity.setMarker(SeriesMarkers.NONE);
        parity.setLineColor(new Color(0x99, 0x99, 0x99));
        parity.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        double offset = withCorrected ? 0.16 : 0;
        addIntervals(chart, rows, n, offset, false);
        if (withCorrected) {
            addIntervals(chart, rows, n, -offset, true);
        }
        return png(chart);
    }

    /**
     * The trend: the fitted share of women by year, its pointwise 95 % band as two thin lines, the
     * corrected curve (when given) in orange, and the observed share per decade as points.
     */
    static String trend(String title, List<org.facecensus.census.stats.TrendFigures.Point> curve,
                        List<double[]> decadePoints, boolean withCorrected) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(380).title(title).xAxisTitle("year")
                .yAxisTitle("share of women").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.setCustomYAxisTickLabelsFormatter(y -> String.format(Locale.ROOT, "%.0f%%", y * 100));
        line(chart, "fitted share (logistic)", curve, p -> p.share(), OBSERVED, 2.5f, true);
        line(chart, "95 % band (cluster bootstrap)", curve, p -> p.band95() == null ? null : p.band95().low(), OBSERVED, 0.8f, true);
        line(chart, "band high", curve, p -> p.band95() == null ? null : p.band95().high(), OBSERVED, 0.8f, false);
        if (withCorrected) {
            line(chart, "corrected for classifier error", curve, p -> p.correctedShare(), CORRECTED, 2.5f, true);
            line(chart, "corrected band low", curve, p -> p.correctedBand95() == null ? null : p.correctedBand95().low(),
                    CORRECTED, 0.8f, false);
            line(chart, "corrected band high", curve, p -> p.correctedBand95() == null ? null : p.correctedBand95().high(),
                    CORRECTED, 0.8f, false);
        }
        if (!decadePoints.isEmpty()) {
            XYSeries points = chart.addSeries("observed share per decade (mid-decade)",
                    decadePoints.stream().mapToDouble(d -> d[0]).toArray(), decadePoints.stream().mapToDouble(d -> d[1]).toArray());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(WOMEN);
        }
        return png(chart);
    }

    private static void line(XYChart chart, String name, List<org.facecensus.census.stats.TrendFigures.Point> curve,
                             java.util.function.Function<org.facecensus.census.stats.TrendFigures.Point, Double> value,
                             Color color, float width, boolean inLegend) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (org.facecensus.census.stats.TrendFigures.Point p : curve) {
            Double v = value.apply(p);
            if (v != null) {
                xs.add((double) p.year());
                ys.add(v);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width));
        series.setShowInLegend(inLegend);
    }

    private static void addIntervals(XYChart chart, List<IntervalRow> rows, int n, double offset, boolean corrected) {
        Color color = corrected ? CORRECTED : OBSERVED;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IntervalRow row = rows.get(i);
            double estimate = corrected ? row.corrected() : row.observed();
            double low = corrected ? row.correctedLow() : row.observedLow();
            double high = corrected ? row.correctedHigh() : row.observedHigh();
            double y = n - 1 - i + offset;
            if (Double.isFinite(low) && Double.isFinite(high)) {
                XYSeries line = chart.addSeries((corrected ? "c" : "o") + i, new double[] {low, high}, new double[] {y, y});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color);
                line.setLineStyle(new BasicStroke(2.5f));
                line.setShowInLegend(false);
            }
            if (Double.isFinite(estimate)) {
                xs.add(estimate);
                ys.add(y);
            }
        }
        if (!xs.isEmpty()) {
            XYSeries points = chart.addSeries(corrected ? "corrected for classifier error (95 %)"
                    : "observed (Wilson 95 %)", xs, ys);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(corrected ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
        }
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setPlotGridLinesColor(new Color(0xE5, 0xE5, 0xE5));
        styler.setAntiAlias(true);
    }

    static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    private static String png(Chart<?, ?> chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }
}
