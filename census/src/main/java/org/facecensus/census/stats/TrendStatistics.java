package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.ItemRecord;

/**
 * Fits the share of women against year ({@link LogisticTrend}) and gives its uncertainty by a
 * <b>percentile cluster bootstrap over items</b>: each replicate draws as many items as were dated,
 * with replacement, each with all its faces, and refits. Items, not faces, are the unit: the faces of
 * one poster share its designer, theme and year, so they are not independent draws, and an interval
 * that treated them as such would be too narrow. (A cluster-robust sandwich variance would be the
 * analytic alternative; the bootstrap is used because it also carries the classifier's measured error
 * into the corrected curve, and its coverage is checked by simulation in the tests.)
 *
 * <p>An item's year is the midpoint of its catalogue date's range; items whose range spans more than
 * {@value #MAX_RANGE_YEARS} years, and undated ones, are left out. The slope is per decade, on the
 * log-odds scale; the curve is the fitted share at regular years.
 *
 * <p>The correction for classifier error maps each fitted share through Rogan–Gladen, per replicate
 * with that replicate's redrawn error rates; it is monotone, so it does not change the slope's sign
 * and no corrected slope is given.
 *
 * <p>Thread-safety: stateless.
 */
public final class TrendStatistics {
    /** Items whose date range spans more years than this have no single year for the trend. */
    public static final int MAX_RANGE_YEARS = 10;
    /** The curve has at most about this many points. */
    static final int CURVE_POINTS = 30;

    private TrendStatistics() {
    }

    /** The year of an item for the trend, or null when it has none. */
    public static Double year(ItemRecord item) {
        if (item.metadata() == null) {
            return null;
        }
        CatalogDate date = item.metadata().date();
        if (!date.parsed() || date.toYear() - date.fromYear() > MAX_RANGE_YEARS) {
            return null;
        }
        return (date.fromYear() + date.toYear()) / 2.0;
    }

    /**
     * @param items     the group's items
     * @param rates     the classifier's error rates for the corrected curve, or null
     * @param bootstrap replicates, seed and redrawn error rates; null for the fit alone
     * @param key       the group's name, for its random stream
     */
    public static TrendFigures compute(List<ItemRecord> items, ClassifierErrorRates rates, ShareBootstrap bootstrap,
                                       String key) {
        List<double[]> dated = new ArrayList<>();
        for (ItemRecord item : items) {
            Double year = year(item);
            double[] row = year == null ? null : ItemSums.row(item);
            if (row != null) {
                dated.add(new double[] {year, row[ItemSums.WOMEN], row[ItemSums.MEN]});
            }
        }
        int n = dated.size();
        long women = 0;
        long faces = 0;
        double minYear = Double.POSITIVE_INFINITY;
        double maxYear = Double.NEGATIVE_INFINITY;
        double sumYear = 0;
        for (double[] d : dated) {
            women += (long) d[1];
            faces += (long) (d[1] + d[2]);
            minYear = Math.min(minYear, d[0]);
            maxYear = Math.max(maxYear, d[0]);
            sumYear += d[0];
        }
        Integer from = n == 0 ? null : (int) Math.floor(minYear);
        Integer to = n == 0 ? null : (int) Math.ceil(maxYear);
        if (n < CensusStatistics.MIN_BOOTSTRAP_ITEMS) {
            return TrendFigures.notFitted(n + " items with a year and a labelled face; a trend needs at least "
                    + CensusStatistics.MIN_BOOTSTRAP_ITEMS, n, faces, women, from, to);
        }
        if (women == 0 || women == faces) {
            return TrendFigures.notFitted("every labelled face has the same label", n, faces, women, from, to);
        }
        int centre = (int) Math.round(sumYear / n);
        double[] x = new double[n];
        double[] w = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (dated.get(i)[0] - centre) / 10.0;
            w[i] = dated.get(i)[1];
            m[i] = dated.get(i)[2];
        }
        LogisticTrend.Fit fit = LogisticTrend.fit(x, w, m);
        if (fit == null) {
            return TrendFigures.notFitted(maxYear > minYear ? "the labels are separated by year (no finite fit)"
                    : "all dated items have the same year", n, faces, women, from, to);
        }
        int[] years = curveYears(from, to);
        double[] pointShares = new double[years.length];
        for (int j = 0; j < years.length; j++) {
            pointShares[j] = fit.probability((years[j] - centre) / 10.0);
        }
        int samples = bootstrap == null ? 0 : bootstrap.bootstrap().samples();
        boolean corrects = rates != null;
        double[] slopes = new double[samples];
        double[][] curves = new double[years.length][samples];
        double[][] correctedCurves = new double[years.length][samples];
        int defined = 0;
        int definedCorrected = 0;
        int[] correctedCount = new int[years.length];
        long negative = 0;
        long positive = 0;
        if (bootstrap != null) {
            SplittableRandom random = new SplittableRandom(bootstrap.bootstrap().seedFor("trend/" + key));
            // A resample is fitted on its counts per distinct year: the same likelihood as per item, and a
            // fit over tens of years rather than thousands of items.
            double[] years1 = java.util.Arrays.stream(x).distinct().sorted().toArray();
            int[] yearOf = new int[n];
            for (int i = 0; i < n; i++) {
                yearOf[i] = java.util.Arrays.binarySearch(years1, x[i]);
            }
            double[] bw = new double[years1.length];
            double[] bm = new double[years1.length];
            for (int r = 0; r < samples; r++) {
                java.util.Arrays.fill(bw, 0);
                java.util.Arrays.fill(bm, 0);
                for (int i = 0; i < n; i++) {
                    int pick = random.nextInt(n);
                    bw[yearOf[pick]] += w[pick];
                    bm[yearOf[pick]] += m[pick];
                }
                LogisticTrend.Fit b = LogisticTrend.fit(years1, bw, bm);
                if (b == null) {
                    continue;
                }
                slopes[defined] = b.slope();
                negative += b.slope() <= 0 ? 1 : 0;
                positive += b.slope() >= 0 ? 1 : 0;
                for (int j = 0; j < years.length; j++) {
                    double p = b.probability((years[j] - centre) / 10.0);
                    curves[j][defined] = p;
                    if (corrects && bootstrap.corrects()) {
                        double c = bootstrap.correct(p, r);
                        if (!Double.isNaN(c)) {
                            correctedCurves[j][correctedCount[j]++] = c;
                        }
                    }
                }
                defined++;
            }
        }
        boolean intervals = defined > 0;
        PercentileBootstrap.Interval slopeInterval = intervals ? percentiles(slopes, defined, samples) : null;
        Estimate slope = Estimate.of(fit.slope(), slopeInterval);
        Estimate odds = new Estimate(Shares.rounded(Math.exp(fit.slope())), slopeInterval == null ? null
                : ShareInterval.rounded(Math.exp(slopeInterval.low()), Math.exp(slopeInterval.high())));
        Double p = intervals ? Shares.rounded(Math.min(1, 2.0 * Math.min(negative, positive) / defined)) : null;
        List<TrendFigures.Point> curve = new ArrayList<>();
        for (int j = 0; j < years.length; j++) {
            ShareInterval band = intervals ? ShareInterval.of(percentiles(curves[j], defined, samples)) : null;
            Double corrected = null;
            ShareInterval correctedBand = null;
            if (corrects) {
                corrected = Shares.rounded(RoganGladen.correct(pointShares[j], rates.sensitivity(), rates.specificity()));
                correctedBand = correctedCount[j] > 0
                        ? ShareInterval.of(percentiles(correctedCurves[j], correctedCount[j], samples)) : null;
            }
            curve.add(new TrendFigures.Point(years[j], Shares.rounded(pointShares[j]), band, corrected, correctedBand));
        }
        return new TrendFigures(true, "", n, faces, women, from, to, centre, slope, odds, p, samples,
                samples - defined, curve);
    }

    private static PercentileBootstrap.Interval percentiles(double[] values, int defined, int samples) {
        return PercentileBootstrap.percentiles(values, defined, samples);
    }

    /** Regular years from {@code from} to {@code to}, both included, at most about {@value #CURVE_POINTS}. */
    static int[] curveYears(int from, int to) {
        int step = Math.max(1, (int) Math.ceil((to - from) / (double) CURVE_POINTS));
        List<Integer> years = new ArrayList<>();
        for (int y = from; y < to; y += step) {
            years.add(y);
        }
        years.add(to);
        return years.stream().mapToInt(Integer::intValue).toArray();
    }
}
