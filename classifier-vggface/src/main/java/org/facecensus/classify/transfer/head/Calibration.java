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
 *     Platt's smoothed targets; robust with a few dozen validation faces.</li>
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

    /** Platt scaling on the logit of the raw probability. */
    record Platt(double a, double b) implements Calibration {
        private static final double CLAMP = 1e-12;

        @Override
        public double apply(double p) {
            return DenseNetwork.sigmoid(a * logit(p) + b);
        }

        @Override
        public String method() {
            return "platt";
        }

        static double logit(double p) {
            double q = Math.min(1 - CLAMP, Math.max(CLAMP, p));
            return Math.log(q / (1 - q));
        }

        static Platt fit(double[] scores, int[] labels) {
            int pos = Arrays.stream(labels).sum();
            int neg = labels.length - pos;
            double hi = (pos + 1.0) / (pos + 2.0);
            double lo = 1.0 / (neg + 2.0);
            double a = 1;
            double b = 0;
            for (int iter = 0; iter < 100; iter++) {
                double ga = 0;
                double gb = 0;
                double haa = 1e-9;
                double hab = 0;
                double hbb = 1e-9;
                for (int i = 0; i < scores.length; i++) {
                    double f = logit(scores[i]);
                    double q = DenseNetwork.sigmoid(a * f + b);
                    double t = labels[i] == 1 ? hi : lo;
                    double d = q - t;
                    double w = q * (1 - q);
                    ga += d * f;
                    gb += d;
                    haa += w * f * f;
                    hab += w * f;
                    hbb += w;
                }
                double det = haa * hbb - hab * hab;
                if (!(Math.abs(det) > 1e-300)) {
                    break;
                }
                double da = (hbb * ga - hab * gb) / det;
                double db = (haa * gb - hab * ga) / det;
                a -= da;
                b -= db;
                if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                    break;
                }
            }
            return new Platt(a, b);
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
