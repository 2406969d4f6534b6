package org.facecensus.census.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.model.ModelMissingException;
import org.facecensus.spi.ProviderContext;

/**
 * Detect → landmarks → align → classify for one image at a time, with components chosen by name.
 * Each face is aligned by the aligner (the crop that is kept) and classified on the classifier's
 * own crop when it cuts one ({@link GenderClassifier#ownCrop}), else on the aligned face. A face that
 * cannot be aligned or classified keeps its box and gets an error; the other faces go on.
 *
 * <pre>{@code
 * try (FacePipeline pipeline = FacePipeline.open(PipelineSettings.defaults())) {
 *     for (FacePipeline.Face face : pipeline.analyse(FaceCensus.loadImage(photo))) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe (its components are); {@link #close()} is idempotent.
 */
public final class FacePipeline implements AutoCloseable {
    private final PipelineSettings settings;
    private final FaceDetector detector;
    private final LandmarkDetector landmarks;
    private final FaceAligner aligner;
    private final GenderClassifier classifier;

    /**
     * One face: its detection (with the landmarks used), its aligned crop and gender, or why they are missing.
     *
     * @param detection  the box, with the landmark detector's points when one ran, else the detector's
     * @param aligned    the aligner's crop, or null when alignment failed
     * @param prediction the classifier's verdict, or null when it could not run on this face
     * @param error      why alignment or classification failed, or empty
     */
    public record Face(DetectedFace detection, AlignedFace aligned, GenderPrediction prediction, String error) {
    }

    private FacePipeline(PipelineSettings settings, FaceDetector detector, LandmarkDetector landmarks,
                         FaceAligner aligner, GenderClassifier classifier) {
        this.settings = settings;
        this.detector = detector;
        this.landmarks = landmarks;
        this.aligner = aligner;
        this.classifier = classifier;
    }

    /** Opens the named components with the default model store and device. */
    public static FacePipeline open(PipelineSettings settings) {
        return open(settings, ProviderContext.defaults());
    }

    /** Opens the named components; on failure the ones already opened are closed again. */
    public static FacePipeline open(PipelineSettings settings, ProviderContext context) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            FaceDetector detector = keep(opened, FaceCensus.detectors().select(settings.detector()).create(context));
            LandmarkDetector landmarks = settings.landmarks().isEmpty() ? null
                    : keep(opened, FaceCensus.landmarkDetectors().select(settings.landmarks()).create(context));
            FaceAligner aligner = keep(opened, FaceCensus.aligners().select(settings.aligner()).create(context));
            GenderClassifier classifier = keep(opened, openClassifier(settings.classifier(), context));
            return new FacePipeline(settings, detector, landmarks, aligner, classifier);
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * The gender classifier for {@code --classifier NAME}: the one place that turns a name into a
     * classifier, so trained heads can be added here.
     */
    public static GenderClassifier openClassifier(String name, ProviderContext context) {
        return FaceCensus.genderClassifiers().select(name).create(context);
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T component) {
        opened.add(component);
        return component;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /**
     * The models of the detector and landmark detector (known before use); the classifier's come with
     * each {@link GenderPrediction#model()}.
     */
    public List<ModelInfo> detectionModels() {
        Set<ModelInfo> models = new LinkedHashSet<>(detector.models());
        if (landmarks != null) {
            models.addAll(landmarks.models());
        }
        return List.copyOf(models);
    }

    /**
     * The faces of one image, in detector order.
     *
     * @throws FaceCensusException when detection itself fails (the whole image is lost); a missing or
     *                             corrupt model is rethrown as is, since every image would fail the same way
     */
    public List<Face> analyse(RgbImage image) {
        List<DetectedFace> detected = detector.detect(image).faces();
        List<Face> faces = new ArrayList<>(detected.size());
        List<AlignedFace> classifierInputs = new ArrayList<>();
        List<Integer> classifiedIndex = new ArrayList<>();
        for (DetectedFace found : detected) {
            DetectedFace face = found;
            AlignedFace aligned = null;
            String error = "";
            try {
                if (landmarks != null) {
                    face = new DetectedFace(found.box(), landmarks.locate(image, found.box()));
                }
                aligned = aligner.align(image, face);
                Optional<AlignedFace> own = classifier.ownCrop(image, face);
                classifierInputs.add(own.orElse(aligned));
                classifiedIndex.add(faces.size());
            } catch (ModelMissingException | ModelIntegrityException e) {
                throw e;
            } catch (FaceCensusException e) {
                error = (aligned == null ? "alignment failed: " : "gender classification impossible: ") + e.getMessage();
            }
            faces.add(new Face(face, aligned, null, error));
        }
        if (!classifierInputs.isEmpty()) {
            List<GenderPrediction> predictions = classifier.classifyAll(classifierInputs);
            for (int i = 0; i < predictions.size(); i++) {
                int index = classifiedIndex.get(i);
                Face f = faces.get(index);
                faces.set(index, new Face(f.detection(), f.aligned(), predictions.get(i), f.error()));
            }
        }
        return faces;
    }

    @Override
    public void close() {
        FaceCensusException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {classifier, aligner, landmarks, detector}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new FaceCensusException("closing the face pipeline failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
