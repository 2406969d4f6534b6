package org.facecensus.classify.transfer.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.model.ModelInfo;

/**
 * Several backbones side by side: a face's features are the concatenation of each part's vector,
 * in the order given. Each feature is later standardised by the head with training-data statistics
 * ({@link org.facecensus.classify.transfer.head.Standardizer}), so parts on different scales (e.g. a
 * descriptor around ±0.2 and pooled ReLU activations in the tens) weigh alike per feature.
 *
 * <p>Thread-safety: thread-safe when the parts are. {@link #close()} closes every part.
 */
public final class CompositeEmbedder implements FaceEmbedder {
    /** Joins part names in a composite backbone's name, e.g. {@code resnet-descriptor+faceapi-agegender-features}. */
    public static final String SEPARATOR = "+";

    private final List<FaceEmbedder> parts;

    public CompositeEmbedder(List<FaceEmbedder> parts) {
        if (parts.size() < 2) {
            throw new FaceCensusException("A composite backbone needs at least two parts, got " + parts.size());
        }
        this.parts = List.copyOf(parts);
    }

    public List<FaceEmbedder> parts() {
        return parts;
    }

    @Override
    public String name() {
        return parts.stream().map(FaceEmbedder::name).collect(Collectors.joining(SEPARATOR));
    }

    @Override
    public int dimension() {
        return parts.stream().mapToInt(FaceEmbedder::dimension).sum();
    }

    /** Every part's models, in part order (each with its own name and sha256). */
    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.models()));
        return List.copyOf(all);
    }

    @Override
    public float[] embed(AlignedFace face) {
        return embedAll(List.of(face)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<AlignedFace> faces) {
        List<List<float[]>> perPart = new ArrayList<>(parts.size());
        for (FaceEmbedder p : parts) {
            perPart.add(p.embedAll(faces));
        }
        List<float[]> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(concat(perPart, i));
        }
        return out;
    }

    /** Row {@code i} of each part's vectors, concatenated. */
    static float[] concat(List<List<float[]>> perPart, int i) {
        int n = 0;
        for (List<float[]> p : perPart) {
            n += p.get(i).length;
        }
        float[] f = new float[n];
        int at = 0;
        for (List<float[]> p : perPart) {
            float[] v = p.get(i);
            System.arraycopy(v, 0, f, at, v.length);
            at += v.length;
        }
        return f;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (FaceEmbedder p : parts) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
