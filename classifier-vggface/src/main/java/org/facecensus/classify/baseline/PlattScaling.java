package org.facecensus.classify.baseline;

import org.facecensus.FaceCensusException;

/**
 * Platt's sigmoid {@code P(positive | s) = 1 / (1 + exp(a*s + b))} mapping a classifier score to a
 * probability, fitted by Newton's method with Platt's smoothed targets (Lin, Lin and Weng 2007),
 * which keep the fit finite when the held-out scores separate the classes perfectly.
 *
 * <p>Thread-safety: immutable.
 *
 * @param a slope (negative when larger scores mean "positive")
 * @param b offset
 */
public record PlattScaling(double a, double b) {

    public PlattScaling {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt parameters must be finite: a=" + a + ", b=" + b);
        }
    }

    /** The probability of the positive class for {@code score}. */
    public double probability(double score) {
        double f = a * score + b;
        // Two forms so that exp never overflows.
        return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
    }

    /** Fits the sigmoid to held-out scores and their labels. */
    public static PlattScaling fit(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        int nPos = 0;
        for (boolean p : positive) {
            nPos += p ? 1 : 0;
        }
        int nNeg = positive.length - nPos;
        if (nPos == 0 || nNeg == 0) {
            throw new FaceCensusException("Platt calibration needs held-out examples of both classes, got " + nPos
                    + " positive and " + nNeg + " negative; give more training faces of each gender.");
        }
        double hiTarget = (nPos + 1.0) / (nPos + 2.0);
        double loTarget = 1.0 / (nNeg + 2.0);
        double[] t = new double[scores.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = positive[i] ? hiTarget : loTarget;
        }
        double a = 0;
        double b = Math.log((nNeg + 1.0) / (nPos + 1.0));
        double sigma = 1e-12;
        double fval = objective(scores, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double h11 = sigma;
            double h22 = sigma;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < scores.length; i++) {
                double f = scores[i] * a + b;
                double p;
                double q;
                if (f >= 0) {
                    p = Math.exp(-f) / (1 + Math.exp(-f));
                    q = 1 / (1 + Math.exp(-f));
                } else {
                    p = 1 / (1 + Math.exp(f));
                    q = Math.exp(f) / (1 + Math.exp(f));
                }
                double d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                double d1 = t[i] - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-7 && Math.abs(g2) < 1e-7) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            boolean improved = false;
            while (step >= 1e-10) {
                double na = a + step * dA;
                double nb = b + step * dB;
                double nf = objective(scores, t, na, nb);
                if (nf < fval + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    fval = nf;
                    improved = true;
                    break;
                }
                step /= 2;
            }
            if (!improved) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** Cross-entropy of the sigmoid against the smoothed targets. */
    private static double objective(double[] s, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            double f = s[i] * a + b;
            sum += f >= 0 ? t[i] * f + Math.log1p(Math.exp(-f)) : (t[i] - 1) * f + Math.log1p(Math.exp(f));
        }
        return sum;
    }
}
