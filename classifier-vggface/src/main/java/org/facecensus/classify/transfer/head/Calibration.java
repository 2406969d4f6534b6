package org.facecensus.classify.transfer.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * Maps the network's raw probability to a calibrated one, fitted on the validation split (held out
 * of training). Every method is monotone non-decreasing, so it never changes the ranking of faces
 * (ROC-AUC is unchanged), only what a probability means.
 *
 * <ul>
 * <li>{@link Platt}: {@code sigmoid(a · logit(p) + b)}, two parameters fitted by Newton's method on
 *     Platt's smoothed targets; robust with a few dozen validation faces. Also the Fisherfaces
 *     baseline's calibration, on its LDA projection.</li>
 * <li>{@link Isotonic}: pool-adjacent-violators on the validation faces, applied by linear
 *     interpolation between the pooled blocks' centres; needs a few hundred faces.</li>
 * <li>{@link None}: the raw probability.</li>
 * </ul>
 *
 * <p>Thread-safety: implementations are immutable.
 */
public sealed interface Calibration permits Calibration.Platt, Calibration.Isotonic, Calibration.None {

    /** The calibrated probability of the positive class. */
    double apply(double rawProbability);

    /** {@code platt}, {@code isotonic} or {@code none}. */
    String method();

    /** Fits {@code method} on raw validation probabilities and their labels (1 positive, 0 negative). */
    static Calibration fit(String method, double[] scores, int[] labels) {
        return switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "platt" -> Platt.fit(scores, labels);
            case "isotonic" -> Isotonic.fit(scores, labels);
            case "none" -> new None();
            default -> throw new FaceCensusException("Unknown calibration '" + method + "'; use platt, isotonic or none.");
        };
    }

    /** No calibration. */
    record None() implements Calibration {
        @Override
        public double apply(double p) {
            return p;
        }

        @Override
        public String method() {
            return "none";
        }
    }

    /**
     * Platt scaling, the one implementation in FaceCensus: {@code P(positive | s) = sigmoid(a·s + b)}.
     * As a {@link Calibration} of a head, {@code s} is the logit of the raw probability; {@link
     * #probability} applies it to any other score (Fisherfaces uses its LDA projection). Fitted by
     * Newton's method with a backtracking line search on Platt's smoothed targets (Lin, Lin and Weng
     * 2007), which keep the fit finite when the held-out scores separate the classes perfectly.
     *
     * @param a slope (positive when larger scores mean "positive")
     * @param b offset
     */
    record Platt(double a, double b) implements Calibration {
        private static final double CLAMP = 1e-12;

        public Platt {
            if (!Double.isFinite(a) || !Double.isFinite(b)) {
                throw new IllegalArgumentException("Platt parameters must be finite: a=" + a + ", b=" + b);
            }
        }

        @Override
        public double apply(double p) {
            return probability(logit(p));
        }

        /** The probability of the positive class for a raw {@code score}. */
        public double probability(double score) {
            return DenseNetwork.sigmoid(a * score + b);
        }

        @Override
        public String method() {
            return "platt";
        }

        static double logit(double p) {
            double q = Math.min(1 - CLAMP, Math.max(CLAMP, p));
            return Math.log(q / (1 - q));
        }

        /** Fits on raw probabilities (through their logits), labels 1 positive, 0 negative. */
        static Platt fit(double[] probabilities, int[] labels) {
            double[] logits = new double[probabilities.length];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = logit(probabilities[i]);
            }
            return fitScores(logits, labels);
        }

        /**
         * Fits the sigmoid to held-out raw scores and their labels (1 positive, 0 negative).
         *
         * @throws FaceCensusException when the labels hold only one class
         */
        public static Platt fitScores(double[] scores, int[] labels) {
            if (scores.length != labels.length) {
                throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
            }
            int nPos = 0;
            for (int label : labels) {
                nPos += label == 1 ? 1 : 0;
            }
            int nNeg = labels.length - nPos;
            if (nPos == 0 || nNeg == 0) {
                throw new FaceCensusException("Platt calibration needs held-out examples of both classes, got " + nPos
                        + " positive and " + nNeg + " negative; give more training faces of each gender.");
            }
            double hiTarget = (nPos + 1.0) / (nPos + 2.0);
            double loTarget = 1.0 / (nNeg + 2.0);
            double[] t = new double[scores.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = labels[i] == 1 ? hiTarget : loTarget;
            }
            // Platt's own parametrisation P = 1 / (1 + exp(A·s + B)) inside; (a, b) = (-A, -B), negated exactly.
            double pa = 0;
            double pb = Math.log((nNeg + 1.0) / (nPos + 1.0));
            double sigma = 1e-12;
            double fval = objective(scores, t, pa, pb);
            for (int iter = 0; iter < 100; iter++) {
                double h11 = sigma;
                double h22 = sigma;
                double h21 = 0;
                double g1 = 0;
                double g2 = 0;
                for (int i = 0; i < scores.length; i++) {
                    double f = scores[i] * pa + pb;
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
                    double na = pa + step * dA;
                    double nb = pb + step * dB;
                    double nf = objective(scores, t, na, nb);
                    if (nf < fval + 1e-4 * step * gd) {
                        pa = na;
                        pb = nb;
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
            return new Platt(-pa, -pb);
        }

        /** Cross-entropy of Platt's sigmoid (A, B) against the smoothed targets. */
        private static double objective(double[] s, double[] t, double pa, double pb) {
            double sum = 0;
            for (int i = 0; i < s.length; i++) {
                double f = s[i] * pa + pb;
                sum += f >= 0 ? t[i] * f + Math.log1p(Math.exp(-f)) : (t[i] - 1) * f + Math.log1p(Math.exp(f));
            }
            return sum;
        }
    }

    /**
     * Isotonic regression: {@code x} the pooled blocks' mean raw probabilities (increasing), {@code y}
     * their observed positive rates (non-decreasing).
     */
    record Isotonic(double[] x, double[] y) implements Calibration {
        public Isotonic {
            if (x.length == 0 || x.length != y.length) {
                throw new FaceCensusException("An isotonic calibration needs as many (non-zero) x as y values");
            }
            for (int i = 1; i < x.length; i++) {
                if (!(x[i] > x[i - 1]) || y[i] < y[i - 1]) {
                    throw new FaceCensusException("An isotonic calibration needs increasing x and non-decreasing y");
                }
            }
            x = x.clone();
            y = y.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double apply(double p) {
            if (p <= x[0]) {
                return y[0];
            }
            if (p >= x[x.length - 1]) {
                return y[y.length - 1];
            }
            int i = Arrays.binarySearch(x, p);
            if (i >= 0) {
                return y[i];
            }
            int hiIdx = -i - 1;
            int loIdx = hiIdx - 1;
            double t = (p - x[loIdx]) / (x[hiIdx] - x[loIdx]);
            return y[loIdx] + t * (y[hiIdx] - y[loIdx]);
        }

        @Override
        public String method() {
            return "isotonic";
        }

        static Isotonic fit(double[] scores, int[] labels) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
            // Blocks of (sum x, sum y, count), merged while a block's rate falls below its predecessor's.
            List<double[]> blocks = new ArrayList<>();
            for (int idx : order) {
                blocks.add(new double[] {scores[idx], labels[idx], 1});
                while (blocks.size() > 1) {
                    double[] last = blocks.get(blocks.size() - 1);
                    double[] prev = blocks.get(blocks.size() - 2);
                    boolean sameX = prev[0] / prev[2] >= last[0] / last[2];
                    if (prev[1] / prev[2] >= last[1] / last[2] || sameX) {
                        prev[0] += last[0];
                        prev[1] += last[1];
                        prev[2] += last[2];
                        blocks.remove(blocks.size() - 1);
                    } else {
                        break;
                    }
                }
            }
            double[] x = new double[blocks.size()];
            double[] y = new double[blocks.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = blocks.get(i)[0] / blocks.get(i)[2];
                y[i] = blocks.get(i)[1] / blocks.get(i)[2];
            }
            return new Isotonic(x, y);
        }
    }
}
