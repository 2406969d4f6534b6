package org.facecensus.classify.transfer.head;

import org.facecensus.FaceCensusException;

/**
 * Per-feature standardisation {@code (x - mean) / std}, with mean and std taken from the training
 * part of the data only (never validation or test). A constant feature keeps std 1.
 *
 * <p>Thread-safety: immutable.
 */
public record Standardizer(double[] mean, double[] std) {
    public Standardizer {
        if (mean.length != std.length) {
            throw new FaceCensusException("standardisation mean and std differ in length");
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static Standardizer fit(double[][] x, int[] rows) {
        int d = x[rows[0]].length;
        double[] mean = new double[d];
        double[] std = new double[d];
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (int r : rows) {
            for (int j = 0; j < d; j++) {
                double v = x[r][j] - mean[j];
                std[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(std[j] / rows.length);
            if (!(std[j] > 1e-12)) {
                std[j] = 1;
            }
        }
        return new Standardizer(mean, std);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    public int dimension() {
        return mean.length;
    }

    public double[] apply(float[] features) {
        if (features.length != mean.length) {
            throw new FaceCensusException("The head expects " + mean.length + " features, the backbone gave "
                    + features.length + "; was it trained on another backbone?");
        }
        double[] out = new double[features.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (features[j] - mean[j]) / std[j];
        }
        return out;
    }

    public double[] apply(double[] features) {
        double[] out = new double[features.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (features[j] - mean[j]) / std[j];
        }
        return out;
    }
}
