package org.facecensus.classify.transfer.head;

import java.util.Arrays;

import org.facecensus.FaceCensusException;

/**
 * A small fully-connected network with ReLU hidden layers and one sigmoid output unit: the study's
 * head ({@code in → 256 → 64 → 1}) or, with no hidden layer, logistic regression. Weights are
 * doubles, so a saved head reloads bit for bit.
 *
 * <p>Thread-safety: {@link #logit} and {@link #probability} only read the weights and may be called
 * from many threads; the trainer mutates the arrays it created before handing the network out.
 */
public final class DenseNetwork {
    private final int[] sizes;
    /** weights[l] is sizes[l+1] rows of sizes[l] columns, row-major. */
    final double[][] weights;
    final double[][] biases;

    public DenseNetwork(int[] sizes, double[][] weights, double[][] biases) {
        if (sizes.length < 2 || sizes[sizes.length - 1] != 1) {
            throw new FaceCensusException("A head's layer sizes must end with 1 output unit: " + Arrays.toString(sizes));
        }
        if (weights.length != sizes.length - 1 || biases.length != sizes.length - 1) {
            throw new FaceCensusException("A head with layers " + Arrays.toString(sizes) + " needs " + (sizes.length - 1)
                    + " weight matrices and bias vectors");
        }
        for (int l = 0; l < weights.length; l++) {
            if (weights[l].length != sizes[l] * sizes[l + 1] || biases[l].length != sizes[l + 1]) {
                throw new FaceCensusException("Layer " + l + " of the head has the wrong number of weights for sizes "
                        + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.weights = weights;
        this.biases = biases;
    }

    /** A network with zero weights, for the trainer to initialise. */
    static DenseNetwork zeros(int[] sizes) {
        double[][] w = new double[sizes.length - 1][];
        double[][] b = new double[sizes.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new double[sizes[l] * sizes[l + 1]];
            b[l] = new double[sizes[l + 1]];
        }
        return new DenseNetwork(sizes, w, b);
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public int inputSize() {
        return sizes[0];
    }

    /** A deep copy (the trainer keeps the best epoch's weights this way). */
    public DenseNetwork copy() {
        double[][] w = new double[weights.length][];
        double[][] b = new double[biases.length][];
        for (int l = 0; l < w.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new DenseNetwork(sizes, w, b);
    }

    public double[][] weightsCopy() {
        return Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
    }

    public double[][] biasesCopy() {
        return Arrays.stream(biases).map(double[]::clone).toArray(double[][]::new);
    }

    /** The output unit's pre-sigmoid value for a standardised input. */
    public double logit(double[] x) {
        double[] a = x;
        for (int l = 0; l < weights.length; l++) {
            a = layer(l, a);
        }
        return a[0];
    }

    /** The sigmoid of {@link #logit}. */
    public double probability(double[] x) {
        return sigmoid(logit(x));
    }

    /** Layer {@code l}'s output (ReLU applied except on the last layer). */
    double[] layer(int l, double[] in) {
        int nIn = sizes[l];
        int nOut = sizes[l + 1];
        double[] w = weights[l];
        double[] out = new double[nOut];
        boolean hidden = l < weights.length - 1;
        for (int o = 0; o < nOut; o++) {
            double s = biases[l][o];
            int row = o * nIn;
            for (int i = 0; i < nIn; i++) {
                s += w[row + i] * in[i];
            }
            out[o] = hidden && s < 0 ? 0 : s;
        }
        return out;
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
