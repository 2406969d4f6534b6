package org.facecensus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensusException;
import org.facecensus.census.Census;
import org.facecensus.detectors.dlib.hog.DlibHogOptions;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.facecensus.detect.FaceBox;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.JpegWriter;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.FaceCensus;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalysis;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.GenderPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus detect}: one JSON object per image on stdout, in input order, in the peer tools'
 * schema. A bad image gives {@code {"file":..., "error":...}} and the run goes on.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Find faces; print one JSON object per image (the peer tools' schema).")
final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files or folders (searched recursively).")
    List<Path> paths;

    @Mixin
    DetectorMixin detector;

    @Option(names = "--list-detectors", help = true, description = "List the detectors on the classpath and exit.")
    boolean listDetectors;

    @Mixin
    ThreadsMixin threads;

    @Option(names = "--crops", paramLabel = "DIR", description = "Also write each face's box crop as DIR/<image>_<j>.jpg.")
    Path cropsDir;

    @Mixin
    DeviceMixin device;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "100000000",
            description = "Refuse images whose header announces more pixels (default ${DEFAULT-VALUE}).")
    long maxPixels;



    @Option(names = "--upsample", paramLabel = "N",
            description = "dlib-hog only: times to upsample with dlib's pyramid_up (default 1, face_recognition's).")
    Integer upsample;

    @Option(names = "--scale", paramLabel = "F",
            description = "dlib-hog only: resize by F first (bilinear, half-pixel centres), boxes mapped back; the poster study used 2.5.")
    Double scale;

    @Mixin
    PipelineMixin stages;

    @Option(names = "--aligned-crops", paramLabel = "DIR",
            description = "Write aligned faces (see --aligner) as DIR/<image>_<j>.jpg.")
    Path alignedDir;

    // No classifier unless asked: detect prints what was found; a classifier is an extra stage.
    @Mixin
    ClassifierMixin classifier = ClassifierMixin.defaultingTo(Components.NONE);

    @Option(names = "--no-exif-orientation", description = "Keep stored pixel order (as the peer tools do).")
    boolean noExifOrientation;

    // The verifier judges aligned crops, so with one the aligner runs even without --aligned-crops.
    @Mixin
    VerifierMixin verifier;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listDetectors) {
            for (FaceDetectorProvider p : FaceCensus.defaults().detectors().all()) {
                out.printf("%-18s priority %3d  %s%n", p.name(), p.priority(), p.description());
            }
            out.flush();
            return 0;
        }
        int threadCount = threads.threads();
        String verifierFile = verifier.file();
        FaceCensus census = FaceCensus.builder().device(device.device()).build();
        FaceDetectorProvider provider = census.detectors().select(detector.name());
        ImageLoader loader = ImageLoader.defaults().withMaxPixels(maxPixels).withExifOrientation(!noExifOrientation);
        List<Path> files = InputFiles.expand(paths);
        if (files.isEmpty()) {
            err.println("facecensus: no image files found under " + paths);
            return 0;
        }
        if (cropsDir != null) {
            Files.createDirectories(cropsDir);
        }
        Progress progress = new Progress(System.err, files.size());
        FaceAnalyzer.Builder components = Components.analyzer(census, provider.name(), landmarks(verifierFile),
                alignedDir == null && verifierFile == null ? Components.NONE : stages.aligner(), classifier.spec(),
                verifierFile, verifier.threshold());
        detector.applyTo(components);
        if (upsample != null || scale != null) {
            if (!provider.optionTypes().contains(DlibHogOptions.class)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--upsample and --scale are dlib-hog's options; detector " + provider.name() + " does not take them");
            }
            try {
                components.options(new DlibHogOptions(
                        upsample == null ? OptionalInt.empty() : OptionalInt.of(upsample),
                        scale == null ? OptionalDouble.empty() : OptionalDouble.of(scale)));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        // --aligner has a default, so only an explicit one without a folder is a mistake.
        if (spec.commandLine().getParseResult().hasMatchedOption("--aligner") && alignedDir == null
                && verifierFile == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--aligner needs --aligned-crops DIR or --verifier (whose crops it makes)");
        }
        if (alignedDir != null) {
            Files.createDirectories(alignedDir);
        }
        try (FaceAnalyzer pipeline = components.build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threadCount, r -> {
                Thread t = new Thread(r, "facecensus-detect");
                t.setDaemon(true);
                return t;
            });
            try {
                // A window of in-flight images keeps output in input order with bounded memory.
                Deque<Future<String>> window = new ArrayDeque<>();
                for (Path file : files) {
                    window.add(pool.submit(() -> {
                        String line = processOne(pipeline, loader, file);
                        progress.step(!line.startsWith("{\"file\""));
                        return line;
                    }));
                    if (window.size() >= threadCount * 2) {
                        out.println(take(window));
                        out.flush();
                    }
                }
                while (!window.isEmpty()) {
                    out.println(take(window));
                }
                out.flush();
            } finally {
                pool.shutdownNow();
            }
        }
        return 0;
    }

    private static String take(Deque<Future<String>> window) throws InterruptedException {
        try {
            return window.poll().get();
        } catch (ExecutionException e) {
            throw new FaceCensusException("detection failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private String processOne(FaceAnalyzer pipeline, ImageLoader loader, Path file) {
        long t0 = System.nanoTime();
        RgbImage image;
        try {
            image = loader.load(file);
        } catch (ImageLoadException e) {
            return error(file, e.getMessage(), e.problem().name());
        }
        double decodeMs = (System.nanoTime() - t0) / 1e6;
        FaceAnalysis analysis;
        try {
            analysis = pipeline.analyze(image);
        } catch (FaceCensusException e) {
            if (e instanceof org.facecensus.model.ModelMissingException
                    || e instanceof org.facecensus.model.ModelIntegrityException) {
                throw e;
            }
            return error(file, "detection failed: " + e.getMessage(), "DETECTION_FAILED");
        }
        boolean landmarks = pipeline.landmarksName().isPresent();
        boolean aligned = pipeline.alignerName().isPresent();
        boolean classified = pipeline.classifierName().isPresent();
        Map<String, Object> elapsed = new LinkedHashMap<>();
        elapsed.put("decode", Json.round(decodeMs, 2));
        elapsed.putAll(Json.timings(analysis.detection()));
        elapsed.put("detect", Json.round(analysis.detection().total(), 2));
        List<Map<String, Object>> faces = new ArrayList<>();
        java.util.Set<ModelInfo> classifierModels = new java.util.LinkedHashSet<>();
        int j = 0;
        for (AnalyzedFace face : analysis.faces()) {
            Map<String, Object> f = Json.face(face.located());
            if (landmarks) {
                face.detected().landmarks().ifPresent(k -> f.put("keypoints", Json.points(k)));
            }
            FaceBox box = face.box();
            if (cropsDir != null) {
                f.put("crop", writeJpeg(cropsDir, ImageOps.crop(image, (int) Math.floor(box.x()),
                        (int) Math.floor(box.y()), Math.max(1, (int) Math.round(box.width())),
                        Math.max(1, (int) Math.round(box.height())), 0), file, j).toString());
            }
            if (alignedDir != null && face.aligned().isPresent()) {
                f.put("aligned", writeJpeg(alignedDir, face.aligned().get().crop(), file, j).toString());
                List<Double> transform = new ArrayList<>();
                for (double v : face.aligned().get().transform()) {
                    transform.add(Json.round(v, 6));
                }
                f.put("transform", transform);
            }
            face.probabilityFace().ifPresent(p -> f.put("p_face", Json.round(p, 4)));
            face.error().ifPresent(e -> f.put("error", e));
            if (face.gender().isPresent()) {
                GenderPrediction prediction = face.gender().get();
                f.put("gender", prediction.gender().name().toLowerCase(java.util.Locale.ROOT));
                f.put("genderProbability", Json.round(prediction.probability(), 4));
                face.age().ifPresent(age -> f.put("age", Json.round(age, 2)));
                classifierModels.add(prediction.model());
            }
            faces.add(f);
            j++;
        }
        if (!classifierModels.isEmpty()) {
            elapsed.put("gender", Json.round(analysis.classifyMillis(), 2));
        }
        if (landmarks) {
            elapsed.put("landmarks", Json.round(analysis.landmarkMillis(), 2));
        }
        if (aligned) {
            elapsed.put("align", Json.round(analysis.alignMillis(), 2));
        }
        elapsed.put("total", Json.round((System.nanoTime() - t0) / 1e6, 2));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("tool", "facecensus");
        o.put("file", file.toString());
        o.put("width", image.width());
        o.put("height", image.height());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("detector", pipeline.detectorName());
        params.putAll(pipeline.detectorParameters());
        params.put("exif_orientation", !noExifOrientation);
        o.put("params", params);
        if (landmarks) {
            params.put("landmarks", pipeline.landmarksName().get());
        }
        if (aligned) {
            params.put("aligner", pipeline.alignerName().get());
        }
        if (classified) {
            params.put("gender", classifier.spec());
        }
        pipeline.verifierName().ifPresent(v -> params.put("verifier", v));
        if (verifier.threshold() != null) {
            params.put("verifier_threshold", verifier.threshold());
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelInfo m : pipeline.detectionModels()) {
            models.add(Json.model(m));
        }
        for (ModelInfo m : pipeline.verifierModels()) {
            models.add(Json.model(m));
        }
        for (ModelInfo m : classifierModels) {
            models.add(Json.model(m));
        }
        o.put("models", models);
        o.put("elapsed_ms", elapsed);
        o.put("faces", faces);
        if (pipeline.verifierName().isPresent()) {
            // As analyze's rejected_faces: the detections the verifier dropped, so none goes unmentioned.
            o.put("rejected_faces", analysis.rejected().size());
        }
        return Json.line(o);
    }

    /**
     * The landmarks asked for; with a verifier and no {@code --landmarks}, analyze's default, so that the
     * verifier judges the same aligned crops as in a census (and as it was trained on) and drops what
     * analyze would drop for the same boxes.
     */
    private String landmarks(String verifierFile) {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--landmarks");
        return verifierFile != null && !given ? Census.DEFAULT_LANDMARKS : stages.landmarks();
    }

    /** Writes {@code <dir>/<image name>_<j>.jpg}, atomically. */
    private static Path writeJpeg(Path dir, RgbImage picture, Path file, int j) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        Path target = dir.resolve((dot > 0 ? base.substring(0, dot) : base) + "_" + j + ".jpg");
        try {
            JpegWriter.write(target, picture);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static String error(Path file, String message, String problem) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.put("error", message);
        o.put("problem", problem);
        return Json.line(o);
    }
}
