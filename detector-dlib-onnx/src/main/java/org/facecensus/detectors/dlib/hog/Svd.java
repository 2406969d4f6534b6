package org.facecensus.detectors.dlib.hog;

/**
 * Singular value decomposition of a small dense matrix by one-sided Jacobi rotations, in double.
 * dlib splits each 10×10 HOG filter into rank-1 terms with its own SVD and casts the factors to
 * float; any accurate SVD gives factors that round to the same floats (the sign of a pair
 * {@code u_j, v_j} may differ, which cancels exactly in the product).
 *
 * <p>Thread-safety: stateless.
 */
final class Svd {
    /** {@code u} (m×n, columns), {@code w} (n), {@code v} (n×n, columns); sorted by w descending. */
    record Result(double[][] u, double[] w, double[][] v) {
    }

    private Svd() {
    }

    /** Decomposes {@code a} (m rows × n columns, m ≥ n) as {@code u diag(w) vᵀ}. */
    static Result decompose(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double[][] u = new double[m][];
        for (int i = 0; i < m; i++) {
            u[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    for (int i = 0; i < m; i++) {
                        alpha += u[i][p] * u[i][p];
                        beta += u[i][q] * u[i][q];
                        gamma += u[i][p] * u[i][q];
                    }
                    if (gamma == 0 || Math.abs(gamma) <= 1e-17 * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = c * t;
                    for (int i = 0; i < m; i++) {
                        double up = u[i][p];
                        double uq = u[i][q];
                        u[i][p] = c * up - s * uq;
                        u[i][q] = s * up + c * uq;
                    }
                    for (int i = 0; i < n; i++) {
                        double vp = v[i][p];
                        double vq = v[i][q];
                        v[i][p] = c * vp - s * vq;
                        v[i][q] = s * vp + c * vq;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += u[i][j] * u[i][j];
            }
            w[j] = Math.sqrt(norm);
            if (w[j] > 0) {
                for (int i = 0; i < m; i++) {
                    u[i][j] /= w[j];
                }
            }
        }
        // sort columns by singular value, largest first
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(w[y], w[x]));
        double[][] us = new double[m][n];
        double[][] vs = new double[n][n];
        double[] ws = new double[n];
        for (int k = 0; k < n; k++) {
            int j = order[k];
            ws[k] = w[j];
            for (int i = 0; i < m; i++) {
                us[i][k] = u[i][j];
            }
            for (int i = 0; i < n; i++) {
                vs[i][k] = v[i][j];
            }
        }
        return new Result(us, ws, vs);
    }
}
