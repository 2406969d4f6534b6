package org.facecensus.census.stats;

/**
 * The Rogan–Gladen estimator: the true share of a class from the share a classifier observed and the
 * classifier's sensitivity and specificity for that class (Rogan &amp; Gladen 1978).
 *
 * <p>A classifier that calls a woman a woman with probability {@code se} and a man a man with
 * probability {@code sp} observes a share {@code q = p·se + (1 − p)·(1 − sp)} when the true share is
 * {@code p}; solving gives {@code p = (q + sp − 1) / (se + sp − 1)}. Sampling noise can push that
 * outside [0, 1] (e.g. an observed share below the classifier's false-positive rate), so the result is
 * clamped, as is usual.
 *
 * <p>Thread-safety: stateless.
 */
public final class RoganGladen {

    private RoganGladen() {
    }

    /**
     * The corrected share, clamped to [0, 1].
     *
     * @param observed    the observed share of positives among decided predictions, in [0, 1]
     * @param sensitivity P(predicted positive | positive)
     * @param specificity P(predicted negative | negative)
     * @return the estimated true share; NaN when {@code observed} is NaN
     * @throws IllegalArgumentException when {@code sensitivity + specificity ≤ 1}: such a classifier
     *                                  is no better than chance and its labels carry no information
     *                                  to correct
     */
    public static double correct(double observed, double sensitivity, double specificity) {
        double youden = sensitivity + specificity - 1;
        if (!(youden > 0)) {
            throw new IllegalArgumentException("sensitivity " + sensitivity + " + specificity " + specificity
                    + " <= 1: the classifier is no better than chance, the correction is undefined");
        }
        if (Double.isNaN(observed)) {
            return Double.NaN;
        }
        double corrected = (observed + specificity - 1) / youden;
        return Math.max(0, Math.min(1, corrected));
    }

    /** Whether {@link #correct} would clamp: the unclamped estimate falls outside [0, 1]. */
    public static boolean clamps(double observed, double sensitivity, double specificity) {
        double corrected = (observed + specificity - 1) / (sensitivity + specificity - 1);
        return corrected < 0 || corrected > 1;
    }
}
