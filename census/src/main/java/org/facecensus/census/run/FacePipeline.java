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
import org.facecensus.classify.AgeEstimator;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.ensemble.EnsembleGenderClassifier;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
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
 * cannot be aligned or classified keeps its box and gets an error; the other faces go on. Both the
 * census and {@code facecensus detect} run their images through it.
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
    private final boolean ownsClassifier;
    private final GenderClassifier classifier;

    /**
     * One face: its detection (with the landmarks used), its aligned crop and gender, or why they are missing.
     *
     * @param found      the detector's face, with its own keypoints
     * @param detection  the box, with the landmark detector's points when one ran, else the detector's
     * @param aligned    the aligner's crop, or null when alignment failed or there is no aligner
     * @param prediction the classifier's verdict, or null when it could not run on this face
     * @param age        the estimated age when the classifier is an {@link AgeEstimator}, else NaN
     * @param error      why landmarks, alignment or classification failed, or empty
     */
    public record Face(DetectedFace found, DetectedFace detection, AlignedFace aligned, GenderPrediction prediction,
                       double age, String error) {
    }

    /**
     * One image's faces and what each stage took.
     *
     * @param detections     the detector's output, with its own stage timings
     * @param faces          in detector order
     * @param landmarkMillis time in the landmark detector, all faces together
     * @param alignMillis    time in the aligner (and the classifier's own crop)
     * @param classifyMillis time in the classifier
     */
    public record Analysis(Detections detections, List<Face> faces, double landmarkMillis, double alignMillis,
                           double classifyMillis) {
    }

    private FacePipeline(PipelineSettings settings, FaceDetector detector, LandmarkDetector landmarks,
                         FaceAligner aligner, GenderClassifier classifier, boolean ownsClassifier) {
        this.ownsClassifier = ownsClassifier;
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
        return open(settings, context, null);
    }

    /**
     * As {@link #open(PipelineSettings, ProviderContext)}, classifying with {@code classifier} when it
     * is not null (the settings' classifier is then ignored). The caller keeps ownership of it: the
     * pipeline's {@link #close} leaves it open.
     */
    public static FacePipeline open(PipelineSettings settings, ProviderContext context, GenderClassifier classifier) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            FaceDetector detector = keep(opened, FaceCensus.detectors().select(settings.detector()).create(context));
            LandmarkDetector landmarks = settings.landmarks().isEmpty() ? null
                    : keep(opened, FaceCensus.landmarkDetectors().select(settings.landmarks()).create(context));
            FaceAligner aligner = settings.aligner().equals(PipelineSettings.NONE) ? null
                    : keep(opened, FaceCensus.aligners().select(settings.aligner()).create(context));
            boolean owned = classifier == null;
            GenderClassifier used = !owned ? classifier : settings.classifier().equals(PipelineSettings.NONE) ? null
                    : keep(opened, openClassifier(settings.classifier(), context));
            return new FacePipeline(settings, detector, landmarks, aligner, used, owned);
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
     * The gender classifier for {@code --classifier SPEC}: {@link GenderClassifierSpec#HELP}.
     */
    public static GenderClassifier openClassifier(String spec, ProviderContext context) {
        return GenderClassifierSpec.open(spec, context);
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T component) {
        opened.add(component);
        return component;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The detector's settings in effect, for the {@code params} of outputs. */
    public java.util.Map<String, Object> detectorParameters() {
        return detector.parameters();
    }

    /**
     * The models of the detector and landmark detector (known before use); the classifier's come with
     * each {@link GenderPrediction#model()}.
     */
    /** Every model the pipeline uses, the classifier's included. */
    public List<ModelInfo> models() {
        Set<ModelInfo> models = new LinkedHashSet<>(detectionModels());
        if (classifier != null) {
            models.addAll(classifier.models());
        }
        return List.copyOf(models);
    }

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
        return analyseTimed(image).faces();
    }

    /** As {@link #analyse}, with the detections and the time each stage took. */
    public Analysis analyseTimed(RgbImage image) {
        Detections detections = detector.detect(image);
        List<Face> faces = new ArrayList<>(detections.faces().size());
        List<AlignedFace> classifierInputs = new ArrayList<>();
        List<Integer> classifiedIndex = new ArrayList<>();
        List<AlignedFace[]> ensembleInputs = new ArrayList<>();
        long landmarkNanos = 0;
        long alignNanos = 0;
        for (DetectedFace found : detections.faces()) {
            DetectedFace face = found;
            AlignedFace aligned = null;
            List<String> errors = new ArrayList<>();
            if (landmarks != null) {
                long t = System.nanoTime();
                try {
                    face = new DetectedFace(found.box(), landmarks.locate(image, found.box()));
                } catch (ModelMissingException | ModelIntegrityException e) {
                    throw e;
                } catch (FaceCensusException e) {
                    errors.add("landmarks failed: " + e.getMessage());
                }
                landmarkNanos += System.nanoTime() - t;
            }
            long t = System.nanoTime();
            if (aligner != null) {
                try {
                    aligned = aligner.align(image, face);
                } catch (ModelMissingException | ModelIntegrityException e) {
                    throw e;
                } catch (FaceCensusException e) {
                    errors.add("alignment failed: " + e.getMessage());
                }
            }
            if (classifier instanceof EnsembleGenderClassifier pair) {
                try {
                    ensembleInputs.add(memberCrops(pair, image, face, aligned));
                    classifiedIndex.add(faces.size());
                } catch (ModelMissingException | ModelIntegrityException e) {
                    throw e;
                } catch (FaceCensusException e) {
                    errors.add("gender classification impossible: " + e.getMessage());
                }
            } else if (classifier != null) {
                // A classifier that cuts its own crop does not need the alignment to have worked.
                try {
                    Optional<AlignedFace> own = classifier.ownCrop(image, face);
                    if (own.isPresent() || aligned != null) {
                        classifierInputs.add(own.orElse(aligned));
                        classifiedIndex.add(faces.size());
                    } else if (aligner == null) {
                        errors.add("gender classifier " + classifier.name() + " needs aligned faces: choose an aligner");
                    }
                } catch (ModelMissingException | ModelIntegrityException e) {
                    throw e;
                } catch (FaceCensusException e) {
                    errors.add("gender classification impossible: " + e.getMessage());
                }
            }
            alignNanos += System.nanoTime() - t;
            faces.add(new Face(found, face, aligned, null, Double.NaN, String.join("; ", errors)));
        }
        long t = System.nanoTime();
        if (!classifierInputs.isEmpty()) {
            classify(classifierInputs, classifiedIndex, faces);
        }
        if (!ensembleInputs.isEmpty()) {
            EnsembleGenderClassifier pair = (EnsembleGenderClassifier) classifier;
            List<GenderPrediction> predictions = pair.combineAll(
                    pair.first().classifyAll(ensembleInputs.stream().map(c -> c[0]).toList()),
                    pair.second().classifyAll(ensembleInputs.stream().map(c -> c[1]).toList()));
            double[] noAges = new double[predictions.size()];
            java.util.Arrays.fill(noAges, Double.NaN);
            store(predictions, noAges, classifiedIndex, faces);
        }
        return new Analysis(detections, faces, landmarkNanos / 1e6, alignNanos / 1e6, (System.nanoTime() - t) / 1e6);
    }

    /** One batched call for all faces of an image; age too when the classifier estimates it. */
    private void classify(List<AlignedFace> inputs, List<Integer> index, List<Face> faces) {
        List<GenderPrediction> predictions;
        double[] ages = new double[inputs.size()];
        java.util.Arrays.fill(ages, Double.NaN);
        if (classifier instanceof AgeEstimator estimator) {
            List<AgeEstimator.Estimate> estimates = estimator.estimate(inputs);
            predictions = new ArrayList<>();
            for (int i = 0; i < estimates.size(); i++) {
                predictions.add(estimates.get(i).gender());
                ages[i] = estimates.get(i).age();
            }
        } else {
            predictions = classifier.classifyAll(inputs);
        }
        store(predictions, ages, index, faces);
    }

    private static void store(List<GenderPrediction> predictions, double[] ages, List<Integer> index, List<Face> faces) {
        for (int i = 0; i < predictions.size(); i++) {
            Face f = faces.get(index.get(i));
            faces.set(index.get(i), new Face(f.found(), f.detection(), f.aligned(), predictions.get(i), ages[i], f.error()));
        }
    }

    /**
     * Each member of the two-model filter gets the crop it was trained on: its own crop when it cuts
     * one, else the aligned face.
     */
    private AlignedFace[] memberCrops(EnsembleGenderClassifier pair, RgbImage image, DetectedFace face, AlignedFace aligned) {
        AlignedFace[] crops = new AlignedFace[2];
        GenderClassifier[] members = {pair.first(), pair.second()};
        for (int m = 0; m < 2; m++) {
            crops[m] = members[m].ownCrop(image, face).orElse(aligned);
            if (crops[m] == null) {
                throw new FaceCensusException("gender classifier " + members[m].name()
                        + " needs aligned faces, and " + (aligner == null ? "no aligner was chosen" : "alignment failed"));
            }
        }
        return crops;
    }

    @Override
    public void close() {
        FaceCensusException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {ownsClassifier ? classifier : null, aligner, landmarks, detector}) {
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
