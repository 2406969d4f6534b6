package org.facecensus.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.FaceAligner;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.DetectorOptions;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.timing.StageTimings;
import org.facecensus.spi.NamedProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.spi.ProviderOptions;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.verify.FaceCheck;
import org.facecensus.verify.FaceVerifier;

/**
 * Detect → landmarks → align → (verify) → classify, for one image or a batch:
 * <pre>{@code
 * try (FaceAnalyzer analyzer = FaceAnalyzer.builder().detector("blazeface").landmarks("landmark68-net")
 *         .classifier("faceapi-agegender").build()) {
 *     for (AnalyzedFace face : analyzer.analyze(FaceCensus.loadImage(photo)).faces()) {
 *         System.out.println(face.box() + " " + face.gender().map(g -> g.gender()).orElse(null));
 *     }
 * }
 * }</pre>
 * Every face keeps the aligner's crop (the one kept for outputs) and is classified on the input its
 * classifier asks for ({@link GenderClassifier#predict}: its own crop, the aligner's, or each member's).
 * A face whose landmarks, alignment or classification fails keeps its box and gets a problem; the other
 * faces go on. A missing or corrupt model is thrown, since every face would fail the same way.
 *
 * <p>With a {@link FaceVerifier}, faces it judges not to be faces are left out of {@link FaceAnalysis#faces()}
 * and listed in {@link FaceAnalysis#rejected()}, unclassified. {@link #analyzeFound} skips detection for
 * faces found earlier (re-classifying a census from its journal).
 *
 * <p>Defaults: the detector chosen by {@code -Dfacecensus.detector}, else the highest priority; no landmark
 * detector (the detector's keypoints are used); aligner {@value #DEFAULT_ALIGNER} (224×224, eyes level,
 * from any eye keypoints; no model file); no classifier.
 *
 * <p>Thread-safety: thread-safe (its components are); share one analyzer between threads. {@link #close()}
 * closes the components it created (not those handed to the builder as instances) and is idempotent.
 */
public final class FaceAnalyzer implements AutoCloseable {
    /** The aligner every FaceCensus command and the analyzer use unless told otherwise; permissively licensed. */
    public static final String DEFAULT_ALIGNER = "similarity-5pt";

    private final FaceDetector detector;
    private final LandmarkDetector landmarks;
    private final FaceAligner aligner;
    private final GenderClassifier classifier;
    private final String classifierSpec;
    private final FaceVerifier verifier;
    private final DetectorOptions detectorOptions;
    private final List<AutoCloseable> owned;
    private volatile boolean closed;

    private FaceAnalyzer(FaceDetector detector, LandmarkDetector landmarks, FaceAligner aligner,
                         GenderClassifier classifier, String classifierSpec, FaceVerifier verifier,
                         DetectorOptions detectorOptions, List<AutoCloseable> owned) {
        this.classifierSpec = classifierSpec;
        this.verifier = verifier;
        this.detectorOptions = detectorOptions;
        this.detector = detector;
        this.landmarks = landmarks;
        this.aligner = aligner;
        this.classifier = classifier;
        this.owned = List.copyOf(owned);
    }

    /** A builder whose names resolve against {@link FaceCensus#defaults()}. */
    public static Builder builder() {
        return FaceCensus.defaults().analyzer();
    }

    /** A builder whose names resolve against {@code census}; prefer {@link FaceCensus#analyzer()}. */
    public static Builder builder(FaceCensus census) {
        return new Builder(census);
    }

    /** The detector's name. */
    public String detectorName() {
        return detector.name();
    }

    /** The landmark detector's name, when one runs. */
    public Optional<String> landmarksName() {
        return Optional.ofNullable(landmarks).map(LandmarkDetector::name);
    }

    /** The aligner's name, when one runs. */
    public Optional<String> alignerName() {
        return Optional.ofNullable(aligner).map(FaceAligner::name);
    }

    /** The gender classifier's name (for one made from a spec, the spec), when one runs. */
    public Optional<String> classifierName() {
        return Optional.ofNullable(classifier).map(c -> classifierSpec != null ? classifierSpec : c.name());
    }

    /** The face verifier's name, when one runs. */
    public Optional<String> verifierName() {
        return Optional.ofNullable(verifier).map(FaceVerifier::name);
    }

    /**
     * The minimum face size and score this analyzer's detector was given (empty: the detector's defaults),
     * for records of what a run was asked to do.
     */
    public DetectorOptions detectorOptions() {
        return detectorOptions;
    }

    /** The detector's settings in effect, for the {@code params} of outputs. */
    public Map<String, Object> detectorParameters() {
        return detector.parameters();
    }

    /** The models of the detector and the landmark detector. */
    public List<ModelInfo> detectionModels() {
        Set<ModelInfo> models = new LinkedHashSet<>(detector.models());
        if (landmarks != null) {
            models.addAll(landmarks.models());
        }
        return List.copyOf(models);
    }

    /** The face verifier's models; empty when no verifier runs. */
    public List<ModelInfo> verifierModels() {
        return verifier == null ? List.of() : List.copyOf(verifier.models());
    }

    /** Every model the analyzer uses, the classifier's included. */
    public List<ModelInfo> models() {
        Set<ModelInfo> models = new LinkedHashSet<>(detectionModels());
        if (verifier != null) {
            models.addAll(verifier.models());
        }
        if (classifier != null) {
            models.addAll(classifier.models());
        }
        return List.copyOf(models);
    }

    /**
     * The faces of one image.
     *
     * @throws FaceCensusException when detection itself fails (the whole image is lost)
     */
    public FaceAnalysis analyze(RgbImage image) {
        return analyze(List.of(image)).get(0);
    }

    /**
     * The faces of several images, classified in one batch (as few network runs as the classifier allows).
     *
     * @throws FaceCensusException when detection fails on any of them; analyse images one by one to keep
     *                             the others
     */
    public List<FaceAnalysis> analyze(List<RgbImage> images) {
        checkOpen();
        List<LocatedFaces> partials = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            partials.add(LocatedFaces.of(image, detector, landmarks, aligner));
        }
        return finish(partials);
    }

    /**
     * The faces of one image that were found earlier (e.g. the boxes in a census's journal): landmarks,
     * alignment, verification and classification run as in {@link #analyze(RgbImage)}, detection does not.
     * Give the detector's keypoints in {@code faces} when later stages use them (no landmark detector).
     */
    public FaceAnalysis analyzeFound(RgbImage image, List<DetectedFace> faces) {
        checkOpen();
        return finish(List.of(LocatedFaces.of(image, new Detections(faces, StageTimings.empty()), landmarks, aligner)))
                .get(0);
    }

    private void checkOpen() {
        if (closed) {
            throw new FaceCensusException("This FaceAnalyzer is closed; build a new one.");
        }
    }

    /** Verifies, then classifies the located faces of all images in one batch. */
    private List<FaceAnalysis> finish(List<LocatedFaces> partials) {
        List<List<RejectedFace>> rejected = verify(partials);
        List<FaceToClassify> toClassify = new ArrayList<>();
        for (LocatedFaces p : partials) {
            for (int j = 0; j < p.faces.size(); j++) {
                toClassify.add(new FaceToClassify(p.image, p.located.get(j), p.aligned.get(j)));
            }
        }
        long t = System.nanoTime();
        List<GenderVerdict> verdicts = classifier == null || toClassify.isEmpty() ? List.of()
                : classifier.predict(toClassify);
        double classifyMillisPerFace = toClassify.isEmpty() ? 0 : (System.nanoTime() - t) / 1e6 / toClassify.size();
        List<FaceAnalysis> out = new ArrayList<>(partials.size());
        int k = 0;
        for (int i = 0; i < partials.size(); i++) {
            LocatedFaces p = partials.get(i);
            List<AnalyzedFace> faces = new ArrayList<>(p.faces.size());
            for (int j = 0; j < p.faces.size(); j++) {
                List<String> problems = new ArrayList<>(p.problems.get(j));
                Optional<GenderVerdict> verdict = verdicts.isEmpty() ? Optional.empty() : Optional.of(verdicts.get(k));
                k++;
                // When alignment already failed, its message says why the classifier had no crop.
                verdict.flatMap(GenderVerdict::problem).filter(x -> problems.isEmpty()).ifPresent(problems::add);
                faces.add(new AnalyzedFace(p.faces.get(j), p.located.get(j), p.aligned.get(j),
                        verdict.flatMap(GenderVerdict::prediction),
                        verdict.map(GenderVerdict::age).orElse(OptionalDouble.empty()), p.probabilityFace.get(j), problems));
            }
            out.add(new FaceAnalysis(p.image.width(), p.image.height(), faces, p.detections.timings(),
                    p.landmarkMillis, p.alignMillis, classifyMillisPerFace * p.faces.size(), rejected.get(i)));
        }
        return out;
    }

    /**
     * Drops the faces the verifier rejects from each image (a face it cannot judge stays, with the reason as a
     * problem) and records its probability on the faces it keeps; returns the rejected ones per image.
     */
    private List<List<RejectedFace>> verify(List<LocatedFaces> partials) {
        List<List<RejectedFace>> rejected = new ArrayList<>(partials.size());
        List<FaceToClassify> all = new ArrayList<>();
        for (LocatedFaces p : partials) {
            rejected.add(new ArrayList<>());
            for (int j = 0; j < p.faces.size(); j++) {
                all.add(new FaceToClassify(p.image, p.located.get(j), p.aligned.get(j)));
            }
        }
        if (verifier == null || all.isEmpty()) {
            return rejected;
        }
        List<FaceCheck> checks = verifier.check(all);
        if (checks.size() != all.size()) {
            throw new FaceCensusException("The face verifier " + verifier.name() + " answered " + checks.size()
                    + " checks for " + all.size() + " faces; it must answer one per face.");
        }
        int k = 0;
        for (int i = 0; i < partials.size(); i++) {
            LocatedFaces p = partials.get(i);
            boolean[] keep = new boolean[p.faces.size()];
            for (int j = 0; j < keep.length; j++) {
                FaceCheck check = checks.get(k++);
                keep[j] = check.isFace();
                p.probabilityFace.set(j, check.probabilityFace());
                if (check.problem().isPresent()) {
                    List<String> problems = new ArrayList<>(p.problems.get(j));
                    problems.add("not verified: " + check.problem().get());
                    p.problems.set(j, problems);
                }
                if (!keep[j]) {
                    rejected.get(i).add(new RejectedFace(p.faces.get(j), check.probabilityFace().orElseThrow()));
                }
            }
            p.retain(keep);
        }
        return rejected;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        FaceCensusException failure = null;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new FaceCensusException("closing the face analyzer failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The components of a {@link FaceAnalyzer} and what they are built with. Each component is given by
     * provider name (the analyzer creates and closes it), as an instance (the caller keeps ownership), or
     * switched off ({@code noLandmarks()}, {@code noAligner()}, {@code noClassifier()}).
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final FaceCensus census;
        private ComponentChoice<FaceDetector> detector = ComponentChoice.byDefault();
        private ComponentChoice<LandmarkDetector> landmarks = ComponentChoice.none();
        private ComponentChoice<FaceAligner> aligner = ComponentChoice.named(DEFAULT_ALIGNER);
        private ComponentChoice<GenderClassifier> classifier = ComponentChoice.none();
        private ComponentChoice<FaceVerifier> verifier = ComponentChoice.none();
        private ProviderContext context;
        private final List<ProviderOptions> options = new ArrayList<>();

        private Builder(FaceCensus census) {
            this.census = Objects.requireNonNull(census, "census");
            this.context = census.context();
        }

        /** The detector by provider name (null: {@code -Dfacecensus.detector}, else the highest priority). */
        public Builder detector(String name) {
            detector = name == null ? ComponentChoice.byDefault() : ComponentChoice.named(name);
            return this;
        }

        /** A detector the caller made and keeps ownership of. */
        public Builder detector(FaceDetector instance) {
            detector = ComponentChoice.given(instance);
            return this;
        }

        /** The landmark detector by provider name, e.g. {@code landmark68-net}. */
        public Builder landmarks(String name) {
            landmarks = ComponentChoice.named(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder landmarks(LandmarkDetector instance) {
            landmarks = ComponentChoice.given(instance);
            return this;
        }

        /** Use the detector's own keypoints (the default). */
        public Builder noLandmarks() {
            landmarks = ComponentChoice.none();
            return this;
        }

        /** The aligner by provider name (default {@value #DEFAULT_ALIGNER}). */
        public Builder aligner(String name) {
            aligner = ComponentChoice.named(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder aligner(FaceAligner instance) {
            aligner = ComponentChoice.given(instance);
            return this;
        }

        /** No aligned crops (a classifier that cuts its own crop still works). */
        public Builder noAligner() {
            aligner = ComponentChoice.none();
            return this;
        }

        /** The gender classifier by provider name, e.g. {@code faceapi-agegender}. */
        public Builder classifier(String name) {
            classifier = ComponentChoice.named(Objects.requireNonNull(name, "name"));
            return this;
        }

        public Builder classifier(GenderClassifier instance) {
            classifier = ComponentChoice.given(instance);
            return this;
        }

        /**
         * A classifier made by {@code factory} with this builder's context when the analyzer is built, and
         * closed with it: for classifiers that are not providers (a trained head file, a two-model filter).
         *
         * @param spec how the classifier was asked for (e.g. {@code faceapi-agegender,head.json@0.9}); it is
         *             {@link FaceAnalyzer#classifierName()}, so outputs record what the user gave
         */
        public Builder classifier(String spec, Function<ProviderContext, GenderClassifier> factory) {
            classifier = ComponentChoice.made(Objects.requireNonNull(spec, "spec"), factory);
            return this;
        }

        public Builder noClassifier() {
            classifier = ComponentChoice.none();
            return this;
        }

        /** A face verifier the caller made and keeps ownership of (none by default). */
        public Builder verifier(FaceVerifier instance) {
            verifier = ComponentChoice.given(instance);
            return this;
        }

        /**
         * A face verifier made by {@code factory} when the analyzer is built, and closed with it (e.g. a
         * verifier head file written by {@code facecensus verifier train}).
         */
        public Builder verifier(String label, Function<ProviderContext, FaceVerifier> factory) {
            verifier = ComponentChoice.made(Objects.requireNonNull(label, "label"), factory);
            return this;
        }

        public Builder noVerifier() {
            verifier = ComponentChoice.none();
            return this;
        }

        /** Smallest face side to look for, in image pixels (every detector understands it). */
        public Builder minFace(double pixels) {
            context = context.withDetectorOptions(context.detectorOptions().withMinFaceSize(pixels));
            return this;
        }

        /** Drop detections scoring below this, on the detector's own scale. */
        public Builder minScore(double score) {
            context = context.withDetectorOptions(context.detectorOptions().withMinScore(score));
            return this;
        }

        public Builder device(ExecutionDevice device) {
            context = context.withDevice(device);
            return this;
        }

        public Builder modelStore(ModelStore store) {
            context = context.withModels(store);
            return this;
        }

        /**
         * A chosen provider's own typed options, e.g. {@code DlibHogOptions.upsample(0)}. Options that no chosen
         * provider reads are refused at {@link #build()}, so a setting is never silently ignored.
         */
        public Builder options(ProviderOptions providerOptions) {
            context = context.withOptions(providerOptions);
            options.removeIf(o -> o.getClass() == providerOptions.getClass());
            options.add(providerOptions);
            return this;
        }

        /**
         * Creates the components; on failure the ones already created are closed again.
         *
         * @throws FaceCensusException when a name is unknown (the message lists what is available) or options
         *                             were given that no chosen provider reads
         */
        public FaceAnalyzer build() {
            checkOptionsApply();
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                FaceDetector d = create(detector, owned, n -> census.detectors().select(n).create(context));
                LandmarkDetector l = create(landmarks, owned, n -> census.landmarkDetectors().select(n).create(context));
                FaceAligner a = create(aligner, owned, n -> census.aligners().select(n).create(context));
                GenderClassifier c = create(classifier, owned, n -> census.genderClassifiers().select(n).create(context));
                FaceVerifier v = create(verifier, owned, n -> {
                    throw new IllegalStateException("verifiers are given as instances or factories");
                });
                return new FaceAnalyzer(d, l, a, c, classifier.factory() != null ? classifier.name() : null, v,
                        context.detectorOptions(), owned);
            } catch (RuntimeException e) {
                for (AutoCloseable c : owned) {
                    try {
                        c.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private void checkOptionsApply() {
            if (options.isEmpty()) {
                return;
            }
            List<NamedProvider<?>> chosen = new ArrayList<>();
            detector.provider(census.detectors()::select).ifPresent(chosen::add);
            landmarks.provider(census.landmarkDetectors()::select).ifPresent(chosen::add);
            aligner.provider(census.aligners()::select).ifPresent(chosen::add);
            classifier.provider(census.genderClassifiers()::select).ifPresent(chosen::add);
            for (ProviderOptions o : options) {
                if (chosen.stream().noneMatch(p -> p.optionTypes().contains(o.getClass()))) {
                    throw new FaceCensusException(o.getClass().getSimpleName() + " were given, but none of the chosen"
                            + " providers (" + chosen.stream().map(NamedProvider::name).toList() + ") reads them;"
                            + " choose the provider they belong to, or drop them.");
                }
            }
        }

        private <T extends AutoCloseable> T create(ComponentChoice<T> choice, List<AutoCloseable> owned,
                                                         Function<String, T> byName) {
            if (choice.instance() != null) {
                return choice.instance();
            }
            if (!choice.enabled()) {
                return null;
            }
            T made = choice.factory() != null ? choice.factory().apply(context) : byName.apply(choice.name());
            owned.add(made);
            return made;
        }
    }
}
