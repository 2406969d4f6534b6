package org.facecensus.classify.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.human.HumanModels;
import org.facecensus.modeltools.human.HumanOnnxCache;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * A face embedding from the Human zoo: {@code faceres-features}, HSE FaceRes' 1024 pooled features (224×224, RGB
 * 0..255), for trained heads ({@code gender train --backbone NAME}) and for comparing faces by cosine
 * (de-duplication); or {@code mobilefacenet}, MobileFace's 192-value embedding (112×112, RGB 0..1), for trained heads
 * only. The whole aligned crop is resized with TF's bilinear resampling, as Human does, and the vectors are what
 * the networks give (mobilefacenet's are unit length, faceres-features' are not).
 *
 * <p><b>{@code mobilefacenet} does not tell faces apart</b>: every input, a face-free grey picture included, gives
 * nearly the same unit vector (cosine ≥ 0.999 between any two of 40 UTKFace faces, their mirrored, shifted or
 * zoomed copies, and grey, black or noise pictures). That is the TF.js model's own output, not our
 * pre-processing: Human feeds it the same way (face crop, bilinear resize to 112×112, 0..1, output used as is),
 * TF.js gives the same vectors, and no other input range, channel order or crop, nor subtracting a mean vector,
 * makes it separate different faces from copies (README, "The Human model zoo"). A head standardises each value,
 * so what little the vectors vary still carries some gender (0.814 on UTKFace test against 0.937 for
 * faceres-features); {@link #comparesFaces()} is false for it, so the callers that compare faces (de-duplication,
 * nearest face) refuse it: use {@code faceres-features} there.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use. {@link #close()} is idempotent.
 */
public final class HumanEmbedder implements FaceEmbedder {
    static final int MAX_BATCH = 16;

    /**
     * The two embedders: provider name, network, input side, pixel scale, output and its length.
     * {@link #MOBILEFACENET}'s output is the graph's {@code embeddings}, its only output, already L2-normalised
     * by the graph; it is near-constant (see the class comment).
     *
     * <p>Thread-safety: immutable.
     */
    public enum Kind {
        FACERES_FEATURES("faceres-features", HumanModels.FACERES, 224, 255f, "global_pooling/Mean", 1024),
        MOBILEFACENET("mobilefacenet", HumanModels.MOBILEFACENET, 112, 1f, "embeddings", 192);

        final String providerName;
        final HumanModels.GraphNet net;
        final int size;
        final float scale;
        final String output;
        final int dimension;

        Kind(String providerName, HumanModels.GraphNet net, int size, float scale, String output, int dimension) {
            this.providerName = providerName;
            this.net = net;
            this.size = size;
            this.scale = scale;
            this.output = output;
            this.dimension = dimension;
        }

        public String providerName() {
            return providerName;
        }
    }

    private final Kind kind;
    private final ModelInfo info;
    private final LazySession session;

    public HumanEmbedder(Kind kind, ModelStore store, ExecutionDevice device) {
        this.kind = Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(device, "device");
        this.info = kind.net.info();
        this.session = new LazySession(kind.providerName + " embedder",
                () -> InferenceEngines.open(HumanOnnxCache.converted(store, kind.net), info, device));
    }

    @Override
    public String name() {
        return kind.providerName;
    }

    @Override
    public int dimension() {
        return kind.dimension;
    }

    @Override
    public float[] embed(AlignedFace face) {
        return embedAll(List.of(face)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<AlignedFace> faces) {
        InferenceSession net = session.get();
        int s = kind.size;
        int plane = s * s * 3;
        List<float[]> out = new ArrayList<>(faces.size());
        for (int start = 0; start < faces.size(); start += MAX_BATCH) {
            List<AlignedFace> batch = faces.subList(start, Math.min(faces.size(), start + MAX_BATCH));
            float[] data = new float[batch.size() * plane];
            for (int i = 0; i < batch.size(); i++) {
                TfImage.resizeBilinear(batch.get(i).crop(), s, s, data, i * plane);
            }
            if (kind.scale != 1f) {
                for (int i = 0; i < data.length; i++) {
                    data[i] *= kind.scale;
                }
            }
            float[] result = net.run(Map.of(kind.net.input(), new Tensor(data, batch.size(), s, s, 3))).get(kind.output).data();
            for (int i = 0; i < batch.size(); i++) {
                float[] v = new float[kind.dimension];
                System.arraycopy(result, i * kind.dimension, v, 0, kind.dimension);
                out.add(v);
            }
        }
        return out;
    }

    /** False for {@code mobilefacenet}: its vectors are near-constant (see the class comment). */
    @Override
    public boolean comparesFaces() {
        return kind != Kind.MOBILEFACENET;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(info);
    }

    @Override
    public void close() {
        session.close();
    }
}
