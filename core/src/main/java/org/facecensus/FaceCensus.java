package org.facecensus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

import org.facecensus.align.FaceAligner;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.detect.DetectorOptions;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.internal.ProviderRegistry;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.spi.FaceAlignerProvider;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.FaceEmbedderProvider;
import org.facecensus.spi.GenderClassifierProvider;
import org.facecensus.spi.LandmarkDetectorProvider;
import org.facecensus.spi.ModelCatalog;
import org.facecensus.spi.ProviderContext;
import org.facecensus.spi.ProviderOptions;
import org.facecensus.spi.Providers;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.text.DescriptionMiner;

/**
 * The entry point: the providers on the classpath plus the settings they are built with (model cache,
 * device, typed options). Build one for your application and ask it for components:
 * <pre>{@code
 * FaceCensus census = FaceCensus.builder().modelStore(new ModelStore(cache)).device(ExecutionDevice.CPU).build();
 * try (FaceAnalyzer analyzer = census.analyzer().detector("blazeface").classifier("faceapi-agegender").build()) {
 *     FaceAnalysis result = analyzer.analyze(FaceCensus.loadImage(photo));
 * }
 * }</pre>
 * For the three-line case the static methods use {@link #defaults()}:
 * <pre>{@code
 * try (FaceDetector detector = FaceCensus.detector()) {
 *     List<DetectedFace> faces = detector.detect(FaceCensus.loadImage(path)).faces();
 * }
 * }</pre>
 * Components come from providers found with {@link java.util.ServiceLoader}, plus those given to
 * {@link Builder#register}. A component is chosen by name, else by system property ({@code facecensus.detector},
 * {@code facecensus.landmarks}, {@code facecensus.aligner}, {@code facecensus.classifier},
 * {@code facecensus.embedder}, {@code facecensus.miner}), else the single highest priority wins.
 *
 * <p>Thread-safety: immutable and thread-safe; the providers found on the classpath are scanned once per
 * class loader and shared, and an instance's provider lists never change after {@link Builder#build()}.
 */
public final class FaceCensus {
    private static volatile Registries classpath;

    private final Registries registries;
    private final ProviderContext context;

    private FaceCensus(Registries registries, ProviderContext context) {
        this.registries = registries;
        this.context = context;
    }

    /** A builder starting from the classpath's providers, the default model cache and {@code -Dfacecensus.device}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The classpath's providers with the default model cache ({@code -Dfacecensus.models}, else
     * {@code $FACECENSUS_MODELS}, else {@code ~/.cache/facecensus/models}) and the device named by
     * {@code -Dfacecensus.device} (default AUTO), both read now.
     */
    public static FaceCensus defaults() {
        return new FaceCensus(classpathRegistries(), ProviderContext.defaults());
    }

    private static Registries classpathRegistries() {
        Registries r = classpath;
        if (r == null) {
            synchronized (FaceCensus.class) {
                if (classpath == null) {
                    classpath = Registries.load(classLoader(), List.of());
                }
                r = classpath;
            }
        }
        return r;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FaceCensus.class.getClassLoader();
    }

    /** What every component of this instance is built with. */
    public ProviderContext context() {
        return context;
    }

    /**
     * This instance's providers with another context: for a provider that builds a component out of others
     * with the context it was given (a wrapper detector, the two-model filter, a composite embedder).
     */
    public FaceCensus withContext(ProviderContext providerContext) {
        return new FaceCensus(registries, java.util.Objects.requireNonNull(providerContext, "context"));
    }

    /** A face analyzer (detect → landmarks → align → classify) whose names resolve against this instance. */
    public FaceAnalyzer.Builder analyzer() {
        return FaceAnalyzer.builder(this);
    }

    /** A new detector: the one named, or (null) by {@code -Dfacecensus.detector}, else the highest priority. */
    public FaceDetector createDetector(String name) {
        return registries.detectors.select(name).create(context);
    }

    /** A new landmark detector (null name: {@code -Dfacecensus.landmarks}, else the highest priority). */
    public LandmarkDetector createLandmarkDetector(String name) {
        return registries.landmarks.select(name).create(context);
    }

    /** A new aligner (null name: {@code -Dfacecensus.aligner}, else the highest priority). */
    public FaceAligner createAligner(String name) {
        return registries.aligners.select(name).create(context);
    }

    /** A new gender classifier (null name: {@code -Dfacecensus.classifier}, else the highest priority). */
    public GenderClassifier createGenderClassifier(String name) {
        return registries.classifiers.select(name).create(context);
    }

    /** A new face embedder (null name: {@code -Dfacecensus.embedder}, else the highest priority). */
    public FaceEmbedder createFaceEmbedder(String name) {
        return registries.embedders.select(name).create(context);
    }

    /**
     * A new face embedder for comparing faces by cosine, as {@link #createFaceEmbedder}; one whose vectors cannot
     * compare faces ({@link FaceEmbedder#comparesFaces()} false) is refused, the message naming {@code use} (the
     * option that chose it, e.g. {@code --embedder}).
     */
    public FaceEmbedder createComparingEmbedder(String name, String use) {
        FaceEmbedder embedder = createFaceEmbedder(name);
        if (!embedder.comparesFaces()) {
            embedder.close();
            throw new FaceCensusException(use + " " + embedder.name() + ": its vectors cannot tell faces apart (any two"
                    + " faces score nearly the same cosine); it is a backbone for trained heads only. Use faceres-features.");
        }
        return embedder;
    }

    /** A new description miner (null name: {@code -Dfacecensus.miner}, else the highest priority). */
    public DescriptionMiner createDescriptionMiner(String name) {
        return registries.miners.select(name).create(context);
    }

    public Providers<FaceDetectorProvider> detectors() {
        return registries.detectors;
    }

    public Providers<LandmarkDetectorProvider> landmarkDetectors() {
        return registries.landmarks;
    }

    public Providers<FaceAlignerProvider> aligners() {
        return registries.aligners;
    }

    public Providers<GenderClassifierProvider> genderClassifiers() {
        return registries.classifiers;
    }

    public Providers<FaceEmbedderProvider> faceEmbedders() {
        return registries.embedders;
    }

    public Providers<DescriptionMinerProvider> descriptionMiners() {
        return registries.miners;
    }

    /** Loads an image file with the default {@link ImageLoader} (100 MP limit, EXIF orientation). */
    public static RgbImage loadImage(Path file) {
        return ImageLoader.defaults().load(file);
    }

    /** The detector chosen by {@code -Dfacecensus.detector}, else the highest-priority one, with {@link #defaults()}. */
    public static FaceDetector detector() {
        return detector(null);
    }

    /** The detector named {@code name} (null: as {@link #detector()}), with {@link #defaults()}. */
    public static FaceDetector detector(String name) {
        return defaults().createDetector(name);
    }

    /** The landmark detector named {@code name}, with {@link #defaults()}. */
    public static LandmarkDetector landmarkDetector(String name) {
        return defaults().createLandmarkDetector(name);
    }

    /** The aligner named {@code name}, with {@link #defaults()}. */
    public static FaceAligner aligner(String name) {
        return defaults().createAligner(name);
    }

    /** The gender classifier named {@code name}, with {@link #defaults()}. */
    public static GenderClassifier genderClassifier(String name) {
        return defaults().createGenderClassifier(name);
    }

    /** The face embedder named {@code name}, with {@link #defaults()}. */
    public static FaceEmbedder faceEmbedder(String name) {
        return defaults().createFaceEmbedder(name);
    }

    /** The description miner named {@code name}, with {@link #defaults()}. */
    public static DescriptionMiner descriptionMiner(String name) {
        return defaults().createDescriptionMiner(name);
    }

    /** The model catalogs of the modules on the classpath. */
    public static List<ModelCatalog> modelCatalogs() {
        List<ModelCatalog> all = new ArrayList<>();
        ServiceLoader.load(ModelCatalog.class, classLoader()).forEach(all::add);
        return all;
    }

    /** Every model that the modules on the classpath declare, for fetching and listing. */
    public static List<ModelSpec> modelManifest() {
        List<ModelSpec> all = new ArrayList<>();
        for (ModelCatalog catalog : modelCatalogs()) {
            all.addAll(catalog.models());
        }
        return all;
    }

    /**
     * Settings for a {@link FaceCensus}. Each setting has one method; unset ones keep the defaults of
     * {@link FaceCensus#defaults()}.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private ModelStore modelStore;
        private ExecutionDevice device;
        private DetectorOptions detectorOptions = DetectorOptions.defaults();
        private final List<ProviderOptions> options = new ArrayList<>();
        private final List<Object> extraProviders = new ArrayList<>();
        private ClassLoader classLoader;

        private Builder() {
        }

        /** Where models are cached (default: {@link ModelStore#defaultStore()}). */
        public Builder modelStore(ModelStore store) {
            this.modelStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where inference runs (default: {@code -Dfacecensus.device}, else AUTO: CUDA when present, else CPU). */
        public Builder device(ExecutionDevice executionDevice) {
            this.device = Objects.requireNonNull(executionDevice, "device");
            return this;
        }

        /** Minimum face size and score for every detector made by this instance. */
        public Builder detectorOptions(DetectorOptions detectorOptions) {
            this.detectorOptions = Objects.requireNonNull(detectorOptions, "detectorOptions");
            return this;
        }

        /**
         * A provider's own typed options, e.g. {@code DlibHogOptions.upsample(0)}; one value per class,
         * a later one replacing an earlier one.
         */
        public Builder options(ProviderOptions providerOptions) {
            Objects.requireNonNull(providerOptions, "options");
            options.removeIf(o -> o.getClass() == providerOptions.getClass());
            options.add(providerOptions);
            return this;
        }

        /** Scans this class loader for providers instead of the thread's context class loader. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** Adds a detector as if ServiceLoader had found it, for this instance only. */
        public Builder register(FaceDetectorProvider provider) {
            return add(provider);
        }

        public Builder register(LandmarkDetectorProvider provider) {
            return add(provider);
        }

        public Builder register(FaceAlignerProvider provider) {
            return add(provider);
        }

        public Builder register(GenderClassifierProvider provider) {
            return add(provider);
        }

        public Builder register(FaceEmbedderProvider provider) {
            return add(provider);
        }

        public Builder register(DescriptionMinerProvider provider) {
            return add(provider);
        }

        private Builder add(Object provider) {
            extraProviders.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        public FaceCensus build() {
            Registries registries = classLoader == null && extraProviders.isEmpty() ? classpathRegistries()
                    : Registries.load(classLoader == null ? FaceCensus.classLoader() : classLoader, extraProviders);
            ProviderContext context = new ProviderContext(
                    modelStore != null ? modelStore : ModelStore.defaultStore(),
                    device != null ? device : ExecutionDevice.fromSystemProperty(), detectorOptions, options);
            return new FaceCensus(registries, context);
        }
    }

    /** One registry per component kind; never changed once built. */
    private record Registries(ProviderRegistry<FaceDetectorProvider> detectors,
                              ProviderRegistry<LandmarkDetectorProvider> landmarks,
                              ProviderRegistry<FaceAlignerProvider> aligners,
                              ProviderRegistry<GenderClassifierProvider> classifiers,
                              ProviderRegistry<FaceEmbedderProvider> embedders,
                              ProviderRegistry<DescriptionMinerProvider> miners) {

        static Registries load(ClassLoader loader, List<Object> extra) {
            Registries r = new Registries(
                    new ProviderRegistry<>(FaceDetectorProvider.class, "face detector", "facecensus.detector",
                            "org.facecensus:facecensus-detector-dlib-onnx"),
                    new ProviderRegistry<>(LandmarkDetectorProvider.class, "landmark detector", "facecensus.landmarks",
                            "org.facecensus:facecensus-detector-dlib-onnx"),
                    new ProviderRegistry<>(FaceAlignerProvider.class, "face aligner", "facecensus.aligner",
                            "org.facecensus:facecensus-core"),
                    new ProviderRegistry<>(GenderClassifierProvider.class, "gender classifier", "facecensus.classifier",
                            "org.facecensus:facecensus-classifier-vggface"),
                    new ProviderRegistry<>(FaceEmbedderProvider.class, "face embedder", "facecensus.embedder",
                            "org.facecensus:facecensus-classifier-vggface"),
                    new ProviderRegistry<>(DescriptionMinerProvider.class, "description miner", "facecensus.miner",
                            "org.facecensus:facecensus-text-miner"));
            r.detectors.loadServices(loader);
            r.landmarks.loadServices(loader);
            r.aligners.loadServices(loader);
            r.classifiers.loadServices(loader);
            r.embedders.loadServices(loader);
            r.miners.loadServices(loader);
            for (Object p : extra) {
                if (p instanceof FaceDetectorProvider d) {
                    r.detectors.register(d);
                } else if (p instanceof LandmarkDetectorProvider l) {
                    r.landmarks.register(l);
                } else if (p instanceof FaceAlignerProvider a) {
                    r.aligners.register(a);
                } else if (p instanceof GenderClassifierProvider c) {
                    r.classifiers.register(c);
                } else if (p instanceof FaceEmbedderProvider e) {
                    r.embedders.register(e);
                } else if (p instanceof DescriptionMinerProvider m) {
                    r.miners.register(m);
                }
            }
            for (ProviderRegistry<?> each : List.of(r.detectors, r.landmarks, r.aligners, r.classifiers, r.embedders,
                    r.miners)) {
                each.freeze();
            }
            return r;
        }
    }
}
