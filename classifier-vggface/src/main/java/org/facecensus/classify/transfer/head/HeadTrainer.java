package org.facecensus.classify.transfer.head;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.facecensus.FaceCensusException;

/**
 * Trains a {@link DenseNetwork} on feature vectors with binary labels: mini-batch Adam on
 * class-weighted binary cross-entropy with L2, early stopping on a stratified validation split of
 * the training data, features standardised with training-part statistics.
 *
 * <p><b>Why our own trainer rather than a library.</b> Tribuo's multi-layer networks need its
 * TensorFlow backend (a large native dependency, for a 50k-weight model); its linear SGD models cover
 * only the logistic head. The trainer here is ~200 lines, single-threaded and therefore bit-for-bit
 * deterministic for a seed, and takes seconds for thousands of faces; its gradient is checked
 * against finite differences in the tests.
 *
 * <p>Thread-safety: stateless; {@link #train} may be called from several threads at once.
 */
public final class HeadTrainer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private HeadTrainer() {
    }

    /**
     * The outcome of training.
     *
     * <p>Thread-safety: immutable (arrays it holds are not copied; do not change them).
     *
     * @param network          the weights of the epoch with the lowest validation loss
     * @param standardizer     the feature standardisation (from the training part)
     * @param trainRows        the rows trained on
     * @param validationRows   the rows held out (for early stopping, calibration and validation figures)
     * @param validationScores the network's raw probabilities on the validation rows (same order)
     * @param bestEpoch        the epoch whose weights were kept (1-based)
     * @param epochsRun        epochs actually run
     * @param validationLoss   the kept epoch's validation loss (class-weighted binary cross-entropy)
     */
    public record Result(DenseNetwork network, Standardizer standardizer, int[] trainRows, int[] validationRows,
                         double[] validationScores, int bestEpoch, int epochsRun, double validationLoss) {
    }

    /**
     * @param x       one feature vector per row
     * @param y       labels, 1 (positive class) or 0
     * @param options hyper-parameters and seed
     */
    public static Result train(double[][] x, int[] y, TrainingOptions options) {
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1);
        return train(x, y, ones, options);
    }

    /**
     * As {@link #train(double[][], int[], TrainingOptions)}, with a weight per row in the loss (on top of the
     * class balance, which then uses weighted counts): for mixing a collection's own labels with photo data.
     *
     * @param rowWeights positive; 1 everywhere is the unweighted training
     */
    public static Result train(double[][] x, int[] y, double[] rowWeights, TrainingOptions options) {
        if (rowWeights.length != y.length) {
            throw new FaceCensusException("Training needs one weight per row");
        }
        for (double w : rowWeights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new FaceCensusException("Row weights must be positive and finite, got " + w);
            }
        }
        if (x.length != y.length || x.length == 0) {
            throw new FaceCensusException("Training needs as many labels as feature vectors, and at least one");
        }
        int[][] split = stratifiedSplit(y, options.validationFraction(), options.seed());
        int[] train = split[0];
        int[] val = split[1];
        int positives = 0;
        for (int r : train) {
            positives += y[r];
        }
        if (positives == 0 || positives == train.length || val.length == 0) {
            throw new FaceCensusException("Training needs examples of both classes (women and men for a gender head,"
                    + " faces and not-faces for a verifier; at least 2 of each, better dozens); got " + positives
                    + " positive of " + train.length + " training examples.");
        }
        Standardizer standardizer = Standardizer.fit(x, train);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = standardizer.apply(x[i]);
        }
        double weightPos = 0;
        double weightAll = 0;
        for (int r : train) {
            weightAll += rowWeights[r];
            weightPos += y[r] * rowWeights[r];
        }
        double wPos = options.balanceClasses() ? weightAll / (2.0 * weightPos) : 1;
        double wNeg = options.balanceClasses() ? weightAll / (2.0 * (weightAll - weightPos)) : 1;

        Random random = new Random(options.seed());
        int[] sizes = options.layerSizes(x[0].length);
        DenseNetwork net = DenseNetwork.zeros(sizes);
        initialise(net, random);
        Adam adam = new Adam(net);
        DenseNetwork best = net.copy();
        double bestLoss = loss(net, z, y, rowWeights, val, wPos, wNeg);
        int bestEpoch = 0;
        int epoch = 0;
        int[] order = train.clone();
        while (epoch < options.epochs()) {
            epoch++;
            shuffle(order, random);
            for (int start = 0; start < order.length; start += options.batchSize()) {
                int end = Math.min(order.length, start + options.batchSize());
                Gradient g = new Gradient(net);
                double batchWeight = 0;
                for (int k = start; k < end; k++) {
                    int r = order[k];
                    double w = (y[r] == 1 ? wPos : wNeg) * rowWeights[r];
                    backprop(net, z[r], y[r], w, g);
                    batchWeight += 1;
                }
                adam.step(net, g, 1 / batchWeight, options.l2(), options.learningRate());
            }
            double vLoss = loss(net, z, y, rowWeights, val, wPos, wNeg);
            if (vLoss < bestLoss - 1e-9) {
                bestLoss = vLoss;
                best = net.copy();
                bestEpoch = epoch;
            } else if (epoch - bestEpoch >= options.patience()) {
                break;
            }
        }
        double[] scores = new double[val.length];
        for (int i = 0; i < val.length; i++) {
            scores[i] = best.probability(z[val[i]]);
        }
        return new Result(best, standardizer, train, val, scores, bestEpoch, epoch, bestLoss);
    }

    /** Per class, a seeded shuffle, then the first {@code round(fraction × n)} (at least 1) held out. */
    static int[][] stratifiedSplit(int[] y, double fraction, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int label = 0; label <= 1; label++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    rows.add(i);
                }
            }
            int[] arr = rows.stream().mapToInt(Integer::intValue).toArray();
            shuffle(arr, random);
            int nVal = arr.length < 2 ? 0 : Math.max(1, (int) Math.round(arr.length * fraction));
            for (int k = 0; k < arr.length; k++) {
                (k < nVal ? val : train).add(arr[k]);
            }
        }
        return new int[][] {train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                val.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** He initialisation for ReLU layers, Glorot for the sigmoid output; zero biases. */
    private static void initialise(DenseNetwork net, Random random) {
        int[] sizes = net.sizes();
        for (int l = 0; l < net.weights.length; l++) {
            boolean last = l == net.weights.length - 1;
            double scale = last ? Math.sqrt(2.0 / (sizes[l] + sizes[l + 1])) : Math.sqrt(2.0 / sizes[l]);
            for (int i = 0; i < net.weights[l].length; i++) {
                net.weights[l][i] = random.nextGaussian() * scale;
            }
        }
    }

    /** Mean class-weighted binary cross-entropy over {@code rows}. */
    static double loss(DenseNetwork net, double[][] z, int[] y, int[] rows, double wPos, double wNeg) {
        double[] ones = new double[y.length];
        java.util.Arrays.fill(ones, 1);
        return loss(net, z, y, ones, rows, wPos, wNeg);
    }

    /** Mean class- and row-weighted binary cross-entropy over {@code rows}. */
    static double loss(DenseNetwork net, double[][] z, int[] y, double[] rowWeights, int[] rows, double wPos, double wNeg) {
        double sum = 0;
        double weight = 0;
        for (int r : rows) {
            double logit = net.logit(z[r]);
            double w = (y[r] == 1 ? wPos : wNeg) * rowWeights[r];
            sum += w * bce(logit, y[r]);
            weight += w;
        }
        return sum / weight;
    }

    /** Binary cross-entropy from the logit, computed stably: {@code softplus(logit) - y·logit}. */
    static double bce(double logit, int y) {
        double softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
        return softplus - y * logit;
    }

    /** Accumulated gradients, shaped like the network. */
    static final class Gradient {
        final double[][] w;
        final double[][] b;

        Gradient(DenseNetwork net) {
            w = new double[net.weights.length][];
            b = new double[net.biases.length][];
            for (int l = 0; l < w.length; l++) {
                w[l] = new double[net.weights[l].length];
                b[l] = new double[net.biases[l].length];
            }
        }
    }

    /** Adds {@code weight × d(bce)/d(params)} for one example to {@code g}. */
    static void backprop(DenseNetwork net, double[] x, int y, double weight, Gradient g) {
        int layers = net.weights.length;
        int[] sizes = net.sizes();
        double[][] acts = new double[layers + 1][];
        acts[0] = x;
        for (int l = 0; l < layers; l++) {
            acts[l + 1] = net.layer(l, acts[l]);
        }
        double[] delta = {weight * (DenseNetwork.sigmoid(acts[layers][0]) - y)};
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            double[] in = acts[l];
            double[] w = net.weights[l];
            double[] gw = g.w[l];
            double[] prev = l > 0 ? new double[nIn] : null;
            for (int o = 0; o < nOut; o++) {
                double d = delta[o];
                if (d == 0) {
                    continue;
                }
                g.b[l][o] += d;
                int row = o * nIn;
                for (int i = 0; i < nIn; i++) {
                    gw[row + i] += d * in[i];
                    if (prev != null) {
                        prev[i] += d * w[row + i];
                    }
                }
            }
            if (prev != null) {
                for (int i = 0; i < nIn; i++) {
                    if (in[i] <= 0) {
                        prev[i] = 0;
                    }
                }
                delta = prev;
            }
        }
    }

    /** Adam's moment estimates for every parameter. */
    private static final class Adam {
        private final double[][] mw;
        private final double[][] vw;
        private final double[][] mb;
        private final double[][] vb;
        private int t;

        Adam(DenseNetwork net) {
            Gradient shape = new Gradient(net);
            mw = shape.w;
            mb = shape.b;
            Gradient shape2 = new Gradient(net);
            vw = shape2.w;
            vb = shape2.b;
        }

        void step(DenseNetwork net, Gradient g, double scale, double l2, double lr) {
            t++;
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            for (int l = 0; l < net.weights.length; l++) {
                update(net.weights[l], g.w[l], mw[l], vw[l], scale, l2, lr, c1, c2);
                update(net.biases[l], g.b[l], mb[l], vb[l], scale, 0, lr, c1, c2);
            }
        }

        private static void update(double[] p, double[] grad, double[] m, double[] v, double scale, double l2, double lr,
                                   double c1, double c2) {
            for (int i = 0; i < p.length; i++) {
                double gi = grad[i] * scale + l2 * p[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
                v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
                p[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
            }
        }
    }
}
