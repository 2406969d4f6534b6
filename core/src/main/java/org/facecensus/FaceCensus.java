package org.facecensus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.facecensus.align.FaceAligner;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.internal.ProviderRegistry;
import org.facecensus.model.ModelSpec;
import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.spi.FaceAlignerProvider;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.FaceEmbedderProvider;
import org.facecensus.spi.GenderClassifierProvider;
import org.facecensus.spi.LandmarkDetectorProvider;
import org.facecensus.spi.ModelCatalog;
import org.facecensus.spi.ProviderContext;
import org.facecensus.text.DescriptionMiner;

/**
 * The entry point. Three lines find faces:
 * <pre>{@code
 * try (FaceDetector detector = FaceCensus.detector()) {
 *     List<DetectedFace> faces = detector.detect(FaceCensus.loadImage(path)).faces();
 * }
 * }</pre>
 * Components come from providers on the classpath ({@link java.util.ServiceLoader}); choose one by
 * name, by system property ({@code facecensus.detector}, {@code facecensus.landmarks}, {@code facecensus.aligner},
 * {@code facecensus.classifier}, {@code facecensus.embedder},
 * {@code facecensus.miner}), or let the highest priority win.
 *
 * <p>Thread-safety: all static methods are thread-safe.
 */
public final class FaceCensus {
    private static final ProviderRegistry<FaceDetectorProvider> DETECTORS = new ProviderRegistry<>(
            FaceDetectorProvider.class, "face detector", "facecensus.detector",
            "org.facecensus:facecensus-detector-dlib-onnx").loadServices(classLoader());
    private static final ProviderRegistry<LandmarkDetectorProvider> LANDMARKS = new ProviderRegistry<>(
            LandmarkDetectorProvider.class, "landmark detector", "facecensus.landmarks",
            "org.facecensus:facecensus-detector-dlib-onnx").loadServices(classLoader());
    private static final ProviderRegistry<FaceAlignerProvider> ALIGNERS = new ProviderRegistry<>(
            FaceAlignerProvider.class, "face aligner", "facecensus.aligner",
            "org.facecensus:facecensus-core").loadServices(classLoader());
    private static final ProviderRegistry<GenderClassifierProvider> CLASSIFIERS = new ProviderRegistry<>(
            GenderClassifierProvider.class, "gender classifier", "facecensus.classifier",
            "org.facecensus:facecensus-classifier-vggface").loadServices(classLoader());
    private static final ProviderRegistry<FaceEmbedderProvider> EMBEDDERS = new ProviderRegistry<>(
            FaceEmbedderProvider.class, "face embedder", "facecensus.embedder",
            "org.facecensus:facecensus-classifier-vggface").loadServices(classLoader());
    private static final ProviderRegistry<DescriptionMinerProvider> MINERS = new ProviderRegistry<>(
            DescriptionMinerProvider.class, "description miner", "facecensus.miner",
            "org.facecensus:facecensus-text-miner").loadServices(classLoader());

    private FaceCensus() {
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : FaceCensus.class.getClassLoader();
    }

    /** Loads an image file with the default {@link ImageLoader} (100 MP limit, EXIF orientation). */
    public static RgbImage loadImage(Path file) {
        return ImageLoader.defaults().load(file);
    }

    /** The detector chosen by {@code -Dfacecensus.detector}, else the highest-priority one. */
    public static FaceDetector detector() {
        return detector(null);
    }

    /** The detector named {@code name} (null: as {@link #detector()}). */
    public static FaceDetector detector(String name) {
        return DETECTORS.select(name).create(ProviderContext.defaults());
    }

    /** The landmark detector named {@code name} (null: -Dfacecensus.landmarks, else the highest priority). */
    public static LandmarkDetector landmarkDetector(String name) {
        return LANDMARKS.select(name).create(ProviderContext.defaults());
    }

    public static FaceAligner aligner(String name) {
        return ALIGNERS.select(name).create(ProviderContext.defaults());
    }

    public static GenderClassifier genderClassifier(String name) {
        return CLASSIFIERS.select(name).create(ProviderContext.defaults());
    }

    /** The face embedder named {@code name} (null: -Dfacecensus.embedder, else the highest priority). */
    public static FaceEmbedder faceEmbedder(String name) {
        return EMBEDDERS.select(name).create(ProviderContext.defaults());
    }

    public static DescriptionMiner descriptionMiner(String name) {
        return MINERS.select(name).create(ProviderContext.defaults());
    }

    public static ProviderRegistry<FaceDetectorProvider> detectors() {
        return DETECTORS;
    }

    public static ProviderRegistry<LandmarkDetectorProvider> landmarkDetectors() {
        return LANDMARKS;
    }

    public static ProviderRegistry<FaceAlignerProvider> aligners() {
        return ALIGNERS;
    }

    public static ProviderRegistry<GenderClassifierProvider> genderClassifiers() {
        return CLASSIFIERS;
    }

    public static ProviderRegistry<FaceEmbedderProvider> faceEmbedders() {
        return EMBEDDERS;
    }

    public static ProviderRegistry<DescriptionMinerProvider> descriptionMiners() {
        return MINERS;
    }

    /** Registers a detector programmatically, as if found by ServiceLoader. */
    public static void register(FaceDetectorProvider provider) {
        DETECTORS.register(provider);
    }

    public static void register(LandmarkDetectorProvider provider) {
        LANDMARKS.register(provider);
    }

    public static void register(FaceAlignerProvider provider) {
        ALIGNERS.register(provider);
    }

    public static void register(GenderClassifierProvider provider) {
        CLASSIFIERS.register(provider);
    }

    public static void register(FaceEmbedderProvider provider) {
        EMBEDDERS.register(provider);
    }

    public static void register(DescriptionMinerProvider provider) {
        MINERS.register(provider);
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
        for (ModelCatalog catalog : ServiceLoader.load(ModelCatalog.class, classLoader())) {
            all.addAll(catalog.models());
        }
        return all;
    }
}
