package org.facecensus.classify.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;

/**
 * Gender by transfer learning: a frozen backbone turns each aligned face into features, a trained
 * {@link GenderHead} turns them into a calibrated probability, and faces inside the head's abstain
 * band are {@link Gender#UNKNOWN}. Open one from a head file written by {@code facecensus gender train}:
 * <pre>{@code
 * try (TransferGenderClassifier c = TransferGenderClassifier.open(Path.of("head.json"))) {
 *     GenderPrediction p = c.classify(alignedFace);
 * }
 * }</pre>
 *
 * <p><b>Input.</b> Aligned face crops like those the head was trained on (e.g. {@code facecensus align}'s
 * 224×224 imutils-eyes crops, or UTKFace-style dlib chips); the backbone applies its own resizing.
 *
 * <p><b>Verification.</b> The backbone's weights must have the sha256 recorded in the head; a head is
 * refused on any other weights, since its numbers mean nothing on other features.
 *
 * <p>Thread-safety: thread-safe (the backbone is, the head is immutable). {@link #close()} is idempotent.
 */
public final class TransferGenderClassifier implements GenderClassifier {
    /** The name in outputs when no other name is given. */
    public static final String NAME = "transfer";
    static final int BATCH = 32;

    private final String name;
    private final Backbone backbone;
    private final GenderHead head;
    private final ModelInfo headInfo;
    private final List<ModelInfo> models;

    public TransferGenderClassifier(String name, Backbone backbone, GenderHead head, ModelInfo headInfo) {
        this.name = Objects.requireNonNull(name, "name");
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.head = Objects.requireNonNull(head, "head");
        this.headInfo = Objects.requireNonNull(headInfo, "headInfo");
        List<ModelInfo> all = new ArrayList<>(backbone.models());
        all.add(headInfo);
        this.models = List.copyOf(all);
    }

    /** Opens a head file with the default model store and device. */
    public static TransferGenderClassifier open(Path headFile) {
        return open(headFile, ProviderContext.defaults(), null);
    }

    /**
     * Opens a head file.
     *
     * @param headFile     written by {@code facecensus gender train} or {@link GenderHead#save}
     * @param context      model store and device for the backbone
     * @param backboneFile for heads on a user-supplied backbone (VGG-Face): where its ONNX file is now
     *                     (null: the path recorded in the head); its sha256 must match the head's
     */
    public static TransferGenderClassifier open(Path headFile, ProviderContext context, Path backboneFile) {
        GenderHead head = GenderHead.load(headFile);
        String sha;
        try {
            sha = ModelStore.sha256(headFile);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + headFile + ": " + e.getMessage(), e);
        }
        BackboneConfig config = head.backbone();
        if (backboneFile != null) {
            if (config.file() == null) {
                throw new FaceCensusException("The head " + headFile + " uses the built-in backbone " + config.name()
                        + "; it takes no backbone file.");
            }
            config = config.withFile(backboneFile);
        }
        Backbone backbone = Backbone.open(config, context);
        try {
            verify(head, backbone, headFile);
        } catch (RuntimeException e) {
            backbone.close();
            throw e;
        }
        String kind = head.network().sizes().length == 2 ? "logistic" : "mlp";
        ModelInfo headInfo = new ModelInfo("gender-head-" + kind, "trained", headFile.toAbsolutePath().normalize().toString(),
                sha, "as the training data and backbone allow");
        return new TransferGenderClassifier(NAME, backbone, head, headInfo);
    }

    static void verify(GenderHead head, Backbone backbone, Path headFile) {
        verifyBackbone(head.backbone(), head.backboneModels(), backbone, headFile, "facecensus gender train");
    }

    /** Refuses a head file on backbone weights other than those it was trained on. */
    static void verifyBackbone(BackboneConfig trainedOn, List<ModelInfo> trainedModels, Backbone backbone, Path headFile,
                               String trainCommand) {
        List<String> expected = trainedModels.stream().map(ModelInfo::sha256).toList();
        List<String> actual = backbone.models().stream().map(ModelInfo::sha256).toList();
        if (!expected.equals(actual)) {
            throw new FaceCensusException("The head " + headFile + " was trained on backbone " + trainedOn.name()
                    + " with weights sha256 " + expected + ", but the weights found have sha256 " + actual
                    + ". Use the backbone file it was trained with, or retrain the head with '" + trainCommand + "'.");
        }
    }

    @Override
    public String name() {
        return name;
    }

    public GenderHead head() {
        return head;
    }

    public Backbone backbone() {
        return backbone;
    }

    /** The backbone's models and the head itself (its sha256 is the head file's). */
    public List<ModelInfo> models() {
        return models;
    }

    @Override
    public GenderPrediction classify(AlignedFace face) {
        return classifyAll(List.of(face)).get(0);
    }

    /** Classifies faces in batches of {@value #BATCH} through the backbone. */
    @Override
    public List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        List<GenderPrediction> out = new ArrayList<>(faces.size());
        for (int start = 0; start < faces.size(); start += BATCH) {
            List<AlignedFace> batch = faces.subList(start, Math.min(faces.size(), start + BATCH));
            List<float[]> features = backbone.features(batch.stream().map(AlignedFace::crop).toList());
            for (float[] f : features) {
                out.add(predict(f));
            }
        }
        return out;
    }

    /** The prediction for features already computed by this classifier's backbone. */
    public GenderPrediction predict(float[] features) {
        double p = head.probabilityFemale(features);
        Gender g = head.decide(p);
        double probability = g == Gender.FEMALE || (g == Gender.UNKNOWN && p >= 0.5) ? p : 1 - p;
        return new GenderPrediction(g, Math.min(1, Math.max(0, probability)), headInfo);
    }

    @Override
    public void close() {
        backbone.close();
    }
}
