package org.facecensus.detectors.dlib.shape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.facecensus.FaceCensusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dlib {@code shape_predictor} (an ensemble-of-regression-trees cascade, Kazemi &amp; Sullivan 2014)
 * parsed from dlib's serialised form, held in primitive arrays.
 *
 * <p>The file holds, in this order ({@code dlib/image_processing/shape_predictor.h}): an
 * {@code int} version (1); the initial (mean) shape as {@code matrix<float,0,1>} of x, y pairs in
 * box-normalised coordinates; the forests, one {@code std::vector<regression_tree>} per cascade
 * level, each tree being its split nodes (idx1, idx2, threshold) in breadth-first order and its
 * leaf vectors; then, per level, the anchor landmark index and the offset (delta) of every feature
 * pixel relative to the initial shape. dlib recomputes nothing on load, and neither do we.
 *
 * <p>Thread-safety: immutable after {@link #load}; share one instance between any number of threads.
 */
public final class ShapePredictorModel {
    private static final Logger LOG = LoggerFactory.getLogger(ShapePredictorModel.class);

    private final int numParts;
    private final float[] initialShape;
    /** Per level: the trees' split feature indices, packed as idx1, idx2 pairs, per tree. */
    private final int[][][] splitIndices;
    /** Per level, per tree: the split thresholds. */
    private final float[][][] splitThresholds;
    /** Per level, per tree: the leaf vectors, concatenated (leaf count × 2·numParts). */
    private final float[][][] leafValues;
    /** Per level: the anchor landmark of each feature pixel. */
    private final int[][] anchors;
    /** Per level: the (dx, dy) of each feature pixel from its anchor, in the initial shape's frame. */
    private final float[][] deltas;

    private ShapePredictorModel(int numParts, float[] initialShape, int[][][] splitIndices,
                                float[][][] splitThresholds, float[][][] leafValues, int[][] anchors, float[][] deltas) {
        this.numParts = numParts;
        this.initialShape = initialShape;
        this.splitIndices = splitIndices;
        this.splitThresholds = splitThresholds;
        this.leafValues = leafValues;
        this.anchors = anchors;
        this.deltas = deltas;
    }

    /**
     * Parses a serialised {@code shape_predictor} file (for instance dlib's
     * {@code shape_predictor_68_face_landmarks.dat}). The file is memory-mapped, so no second
     * 100 MB copy is made while parsing.
     *
     * @throws FaceCensusException when the file cannot be read or is not a shape predictor
     */
    public static ShapePredictorModel load(Path file) {
        long t0 = System.nanoTime();
        ShapePredictorModel model;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new FaceCensusException("The dlib model " + file + " is " + ch.size()
                        + " bytes, more than this parser supports (2 GiB); use a smaller shape predictor.");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            model = parse(buf, file.toString());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the dlib model " + file + ": " + e.getMessage()
                    + ". Check that the file exists and is readable.", e);
        }
        LOG.debug("Loaded dlib shape predictor {} ({} parts, {} levels, {} trees) in {} ms", file, model.numParts,
                model.levels(), model.treeCount(), (System.nanoTime() - t0) / 1_000_000);
        return model;
    }

    /** Parses a serialised {@code shape_predictor} from {@code buf}; {@code source} names it in errors. */
    public static ShapePredictorModel parse(ByteBuffer buf, String source) {
        DlibDeserializer in = new DlibDeserializer(buf, source);
        int version = in.readInt();
        if (version != 1) {
            throw in.corrupt("unexpected shape_predictor version " + version + " (dlib writes 1)", 0);
        }
        float[] initial = in.readFloatColumn();
        if (initial.length == 0 || initial.length % 2 != 0) {
            throw in.corrupt("the initial shape has " + initial.length + " values; expected x, y pairs", 0);
        }
        int numParts = initial.length / 2;
        int dim = initial.length;

        int levels = in.readIndex("cascade level count");
        int[][][] splitIdx = new int[levels][][];
        float[][][] thresh = new float[levels][][];
        float[][][] leaves = new float[levels][][];
        for (int l = 0; l < levels; l++) {
            int trees = in.readIndex("tree count");
            splitIdx[l] = new int[trees][];
            thresh[l] = new float[trees][];
            leaves[l] = new float[trees][];
            for (int t = 0; t < trees; t++) {
                int at = in.position();
                int ns = in.readIndex("split count");
                int[] idx = new int[2 * ns];
                float[] th = new float[ns];
                for (int s = 0; s < ns; s++) {
                    idx[2 * s] = in.readIndex("split feature index");
                    idx[2 * s + 1] = in.readIndex("split feature index");
                    th[s] = in.readFloat();
                }
                int nl = in.readIndex("leaf count");
                // dlib's tree walk relies on full trees: leaves == splits + 1, a power of two.
                if (nl != ns + 1 || Integer.bitCount(nl) != 1) {
                    throw in.corrupt("tree " + t + " of level " + l + " has " + ns + " splits and " + nl
                            + " leaves; dlib requires a full binary tree", at);
                }
                if ((long) nl * dim > Integer.MAX_VALUE - 8) {
                    throw in.corrupt("tree too large", at);
                }
                float[] lv = new float[nl * dim];
                for (int k = 0; k < nl; k++) {
                    int lat = in.position();
                    float[] v = in.readFloatColumn();
                    if (v.length != dim) {
                        throw in.corrupt("a leaf vector has " + v.length + " values; expected " + dim, lat);
                    }
                    System.arraycopy(v, 0, lv, k * dim, dim);
                }
                splitIdx[l][t] = idx;
                thresh[l][t] = th;
                leaves[l][t] = lv;
            }
        }

        int at = in.position();
        if (in.readIndex("anchor level count") != levels) {
            throw in.corrupt("anchor table does not have one entry per cascade level", at);
        }
        int[][] anchors = new int[levels][];
        for (int l = 0; l < levels; l++) {
            int n = in.readIndex("feature pixel count");
            anchors[l] = new int[n];
            for (int i = 0; i < n; i++) {
                int a = in.readIndex("anchor index");
                if (a >= numParts) {
                    throw in.corrupt("anchor index " + a + " is not below the part count " + numParts, in.position());
                }
                anchors[l][i] = a;
            }
        }
        at = in.position();
        if (in.readIndex("delta level count") != levels) {
            throw in.corrupt("delta table does not have one entry per cascade level", at);
        }
        float[][] deltas = new float[levels][];
        for (int l = 0; l < levels; l++) {
            at = in.position();
            int n = in.readIndex("feature pixel count");
            if (n != anchors[l].length) {
                throw in.corrupt("level " + l + " has " + anchors[l].length + " anchors but " + n + " deltas", at);
            }
            deltas[l] = new float[2 * n];
            for (int i = 0; i < 2 * n; i++) {
                deltas[l][i] = in.readFloat();
            }
        }
        // Every split must address a feature pixel of its level (dlib asserts this only in debug builds).
        for (int l = 0; l < levels; l++) {
            int n = anchors[l].length;
            for (int[] idx : splitIdx[l]) {
                for (int v : idx) {
                    if (v >= n) {
                        throw in.corrupt("a split of level " + l + " reads feature pixel " + v + " of " + n, 0);
                    }
                }
            }
        }
        if (in.hasRemaining()) {
            LOG.warn("{}: {} bytes after the shape predictor were ignored", source, buf.remaining());
        }
        return new ShapePredictorModel(numParts, initial, splitIdx, thresh, leaves, anchors, deltas);
    }

    /** Number of landmarks (68 for dlib's face model). */
    public int numParts() {
        return numParts;
    }

    /** Number of cascade levels. */
    public int levels() {
        return splitIndices.length;
    }

    /** Total number of regression trees over all levels. */
    public int treeCount() {
        int n = 0;
        for (int[][] level : splitIndices) {
            n += level.length;
        }
        return n;
    }

    // Package-private accessors for the predictor: no copies, the arrays are never written after parsing.

    float[] initialShape() {
        return initialShape;
    }

    int[][] splitIndices(int level) {
        return splitIndices[level];
    }

    float[][] splitThresholds(int level) {
        return splitThresholds[level];
    }

    float[][] leafValues(int level) {
        return leafValues[level];
    }

    int[] anchors(int level) {
        return anchors[level];
    }

    float[] deltas(int level) {
        return deltas[level];
    }
}
