package org.facecensus.generative.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.facecensus.FaceCensusException;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;

/**
 * A dataset's kept faces in memory as bytes (CHW order, 3 × size × size each), with their manifest rows; turned into
 * float tensors in [0, 1] batch by batch.
 *
 * <p>Thread-safety: immutable after loading.
 */
public final class FaceData {
    private final int size;
    private final List<byte[]> pixels;
    private final List<ManifestRow> rows;

    private FaceData(int size, List<byte[]> pixels, List<ManifestRow> rows) {
        this.size = size;
        this.pixels = pixels;
        this.rows = rows;
    }

    /**
     * The kept faces of {@code dataset}, resized to {@code size} when they are not, at most {@code limit} of them
     * (chosen with {@code seed} when there are more).
     */
    public static FaceData load(Path dataset, int size, int limit, long seed) {
        List<ManifestRow> kept = new ArrayList<>(Manifest.kept(dataset));
        if (kept.isEmpty()) {
            throw new FaceCensusException("No kept faces in " + dataset + "; build the dataset first.");
        }
        if (kept.size() > limit) {
            Collections.shuffle(kept, new Random(seed));
            kept = new ArrayList<>(kept.subList(0, limit));
        }
        ImageLoader loader = ImageLoader.defaults();
        List<byte[]> pixels = new ArrayList<>(kept.size());
        for (ManifestRow r : kept) {
            RgbImage face = loader.load(dataset.resolve(r.crop()));
            if (face.width() != size || face.height() != size) {
                face = ImageOps.resize(face, size, size);
            }
            pixels.add(chw(face));
        }
        return new FaceData(size, pixels, List.copyOf(kept));
    }

    static byte[] chw(RgbImage face) {
        int plane = face.width() * face.height();
        byte[] out = new byte[plane * 3];
        ByteBuffer px = face.pixels();
        for (int i = 0; i < plane; i++) {
            out[i] = px.get();
            out[plane + i] = px.get();
            out[2 * plane + i] = px.get();
        }
        return out;
    }

    public int size() {
        return size;
    }

    public int count() {
        return pixels.size();
    }

    public List<ManifestRow> rows() {
        return rows;
    }

    /** The faces at {@code indices} as a float tensor {@code (n, 3, size, size)} in [0, 1]. */
    public NDArray batch(NDManager manager, List<Integer> indices) {
        int each = 3 * size * size;
        float[] data = new float[indices.size() * each];
        for (int k = 0; k < indices.size(); k++) {
            byte[] p = pixels.get(indices.get(k));
            for (int i = 0; i < each; i++) {
                data[k * each + i] = (p[i] & 0xff) / 255f;
            }
        }
        return manager.create(data, new Shape(indices.size(), 3, size, size));
    }

    /** The mean face of the faces at {@code indices}, {@code (3 * size * size)} floats in [0, 1]. */
    public float[] mean(List<Integer> indices) {
        int each = 3 * size * size;
        double[] sum = new double[each];
        for (int idx : indices) {
            byte[] p = pixels.get(idx);
            for (int i = 0; i < each; i++) {
                sum[i] += (p[i] & 0xff) / 255.0;
            }
        }
        float[] out = new float[each];
        for (int i = 0; i < each; i++) {
            out[i] = (float) (sum[i] / indices.size());
        }
        return out;
    }

    /** The face at {@code index} as floats in [0, 1], CHW. */
    public float[] face(int index) {
        byte[] p = pixels.get(index);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (p[i] & 0xff) / 255f;
        }
        return out;
    }
}
