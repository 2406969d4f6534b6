package org.facecensus.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.model.ModelMissingException;

/**
 * Predicts the perceived gender of faces.
 *
 * <p>Callers that have whole images (a pipeline such as {@code FaceAnalyzer}) call {@link #predict}, which
 * lets the classifier choose its input: its own crop ({@link #ownCrop}) or the aligner's, and, for
 * classifiers that combine members, each member's. Callers that already hold aligned crops call
 * {@link #classify} / {@link #classifyAll}. Implementations override {@link #ownCrop} when they cut their
 * own crop, {@link #verdicts} when they estimate age in the same pass, and {@link #predict} when they
 * combine other classifiers; no caller needs to know the class.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; {@link #close()} is idempotent.
 */
public interface GenderClassifier extends AutoCloseable {

    String name();

    GenderPrediction classify(AlignedFace face);

    /** Classifies many faces; implementations batch them into as few model calls as they can. */
    default List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        return faces.stream().map(this::classify).toList();
    }

    /**
     * The verdicts for crops this classifier accepts, in order, batched like {@link #classifyAll}.
     * Classifiers that estimate age in the same pass override it to add the age.
     */
    default List<GenderVerdict> verdicts(List<AlignedFace> crops) {
        return classifyAll(crops).stream().map(GenderVerdict::of).toList();
    }

    /**
     * One verdict per face, in order, each from the crop this classifier needs: {@link #ownCrop} when it
     * cuts one, else the aligner's. A face without that crop gets a verdict that says why; the others are
     * classified in one batch. A missing or corrupt model is thrown, since every face would fail alike.
     */
    default List<GenderVerdict> predict(List<FaceToClassify> faces) {
        GenderVerdict[] out = new GenderVerdict[faces.size()];
        List<AlignedFace> crops = new ArrayList<>();
        List<Integer> cropOf = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            try {
                Optional<AlignedFace> crop = input(faces.get(i));
                if (crop.isPresent()) {
                    crops.add(crop.get());
                    cropOf.add(i);
                } else {
                    out[i] = GenderVerdict.failed(missingCrop(name()));
                }
            } catch (ModelMissingException | ModelIntegrityException e) {
                throw e;
            } catch (FaceCensusException e) {
                out[i] = GenderVerdict.failed("gender classification impossible: " + e.getMessage());
            }
        }
        if (!crops.isEmpty()) {
            List<GenderVerdict> verdicts = verdicts(crops);
            for (int k = 0; k < verdicts.size(); k++) {
                out[cropOf.get(k)] = verdicts.get(k);
            }
        }
        return Arrays.asList(out);
    }

    /**
     * The crop this classifier reads for {@code face}: its own crop when it cuts one, else the aligner's;
     * empty when neither exists.
     *
     * @throws FaceCensusException when the face lacks what the own crop needs (e.g. landmarks)
     */
    default Optional<AlignedFace> input(FaceToClassify face) {
        Optional<AlignedFace> own = ownCrop(face.image(), face.face());
        return own.isPresent() ? own : face.aligned();
    }

    /** The problem text for a face without the aligned crop that classifier {@code name} reads. */
    static String missingCrop(String name) {
        return "gender classifier " + name + " needs an aligned face: choose an aligner (or alignment failed)";
    }

    /**
     * The crop this classifier was trained on, for classifiers that cut their own (face-api's
     * age/gender net takes the box of the 68 landmarks, unwarped). Empty means: feed it the output
     * of a {@link org.facecensus.align.FaceAligner}.
     *
     * @throws org.facecensus.FaceCensusException when the face lacks what the crop needs (e.g. landmarks)
     */
    default Optional<AlignedFace> ownCrop(RgbImage image, DetectedFace face) {
        return Optional.empty();
    }

    /**
     * Provenance of every model this classifier uses (name, version, source, sha256), printed in
     * outputs. Empty only for classifiers without model files; implementations with models override it.
     */
    default List<ModelInfo> models() {
        return List.of();
    }

    @Override
    void close();
}
