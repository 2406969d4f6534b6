package org.facecensus.classify.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.head.FaceVerifierHead;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import org.facecensus.verify.FaceCheck;
import org.facecensus.verify.FaceVerifier;

/**
 * Face / not-a-face by transfer learning: the backbone's features of each aligned crop, then a trained
 * {@link FaceVerifierHead}. Open one from a file written by {@code facecensus verifier train}:
 * <pre>{@code
 * FaceAnalyzer analyzer = FaceAnalyzer.builder().detector("ssd-mobilenet").landmarks("landmark68-net")
 *         .verifier("verifier.json", ctx -> TransferFaceVerifier.open(Path.of("verifier.json"), ctx))
 *         .classifier("faceapi-agegender").build();
 * }</pre>
 * A face without an aligned crop cannot be judged and is kept (with a problem).
 *
 * <p>Thread-safety: thread-safe (the backbone is, the head is immutable). {@link #close()} is idempotent.
 */
public final class TransferFaceVerifier implements FaceVerifier {
    private final String name;
    private final Backbone backbone;
    private final FaceVerifierHead head;
    private final List<ModelInfo> models;

    public TransferFaceVerifier(String name, Backbone backbone, FaceVerifierHead head, ModelInfo headInfo) {
        this.name = Objects.requireNonNull(name, "name");
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.head = Objects.requireNonNull(head, "head");
        List<ModelInfo> all = new ArrayList<>(backbone.models());
        all.add(Objects.requireNonNull(headInfo, "headInfo"));
        this.models = List.copyOf(all);
    }

    /**
     * Opens a verifier file; its backbone's weights must be those it was trained on.
     *
     * @param threshold null: the file's threshold
     */
    public static TransferFaceVerifier open(Path file, ProviderContext context, Double threshold) {
        FaceVerifierHead head = FaceVerifierHead.load(file);
        if (threshold != null) {
            head = head.withThreshold(threshold);
        }
        String sha;
        try {
            sha = ModelStore.sha256(file);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Backbone backbone = Backbone.open(head.backbone(), context);
        try {
            TransferGenderClassifier.verifyBackbone(head.backbone(), head.backboneModels(), backbone, file,
                    "facecensus verifier train");
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
        ModelInfo info = new ModelInfo("face-verifier-head", "trained", file.toAbsolutePath().normalize().toString(), sha,
                "as the training labels and backbone allow");
        return new TransferFaceVerifier(file.getFileName().toString(), backbone, head, info);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ModelInfo> models() {
        return models;
    }

    public FaceVerifierHead head() {
        return head;
    }

    @Override
    public List<FaceCheck> check(List<FaceToClassify> faces) {
        FaceCheck[] out = new FaceCheck[faces.size()];
        List<Integer> rows = new ArrayList<>();
        List<AlignedFace> crops = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            if (faces.get(i).aligned().isPresent()) {
                rows.add(i);
                crops.add(faces.get(i).aligned().get());
            } else {
                out[i] = FaceCheck.unjudged("the face verifier needs the aligned crop, and alignment gave none");
            }
        }
        for (int start = 0; start < crops.size(); start += TransferGenderClassifier.BATCH) {
            int end = Math.min(crops.size(), start + TransferGenderClassifier.BATCH);
            List<float[]> features = backbone.features(crops.subList(start, end).stream().map(AlignedFace::crop).toList());
            for (int k = start; k < end; k++) {
                out[rows.get(k)] = FaceCheck.judged(head.probabilityFace(features.get(k - start)), head.threshold());
            }
        }
        return List.of(out);
    }

    @Override
    public void close() {
        backbone.close();
    }
}
