package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.classify.transfer.TransferGenderClassifier;
import org.facecensus.detect.FaceBox;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.ProviderContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus classify --classifier HEAD PATH...}: one JSON line per face (file, face index, box when
 * detected, gender, probability, models). Images are aligned faces, or whole photos run through
 * detect → align → classify. A bad image gives {@code {"file":..., "error":...}} and the run goes on.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify the perceived gender of faces with a trained head; print one JSON line per face.")
final class ClassifyCommand implements Callable<Integer> {
    /** How an input image is taken. */
    enum Mode { ALIGNED, FULL, AUTO }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files or folders (searched recursively).")
    List<Path> paths;

    @Mixin
    ClassifierMixin classifierOption;

    @Option(names = "--backbone-file", paramLabel = "ONNX", description = "Where the head's user-supplied backbone file is now.")
    Path backboneFile;

    @Option(names = "--full-images", description = "Every image is a photo: detect, align, classify each face (same as --mode full).")
    boolean fullImages;

    @Option(names = "--mode", paramLabel = "aligned|full|auto", defaultValue = "auto",
            description = "aligned: each image is one aligned face; full: detect and align first; auto (default): "
                    + "square images of at most 300 px are aligned faces, others are photos.")
    String mode;

    @Mixin
    DetectorMixin detector;

    @Mixin
    PipelineMixin stages = PipelineMixin.forClassifying();

    @Mixin
    DeviceMixin device;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String model = classifierOption.required();
        Mode chosen;
        try {
            chosen = fullImages ? Mode.FULL : Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be aligned, full or auto, not " + mode);
        }
        List<Path> files = InputFiles.expand(paths);
        if (files.isEmpty()) {
            err.println("facecensus: no image files found under " + paths);
            return 0;
        }
        FaceCensus census = FaceCensus.builder().device(device.device()).build();
        ProviderContext context = census.context();
        ImageLoader loader = ImageLoader.defaults();
        try (GenderClassifier classifier = backboneFile == null ? GenderClassifierSpec.open(model, context)
                     : TransferGenderClassifier.open(Path.of(model), context, backboneFile);
             LazyAnalyzer photos = new LazyAnalyzer(census, classifier)) {
            List<Object> models = classifier.models().stream().map(m -> (Object) Json.model(m)).toList();
            for (Path file : files) {
                RgbImage image;
                try {
                    image = loader.load(file);
                } catch (ImageLoadException e) {
                    out.println(Json.line(error(file, e.getMessage())));
                    continue;
                }
                boolean aligned = chosen == Mode.ALIGNED || (chosen == Mode.AUTO && image.width() == image.height()
                        && image.width() <= 300);
                try {
                    if (aligned) {
                        AlignedFace face = AlignedFace.ofCrop(image);
                        out.println(Json.line(entry(file, 0, null, classifier.classify(face), models)));
                    } else {
                        classifyPhoto(out, photos.get(), file, image, models);
                    }
                } catch (FaceCensusException e) {
                    if (e instanceof org.facecensus.model.ModelMissingException
                            || e instanceof org.facecensus.model.ModelIntegrityException) {
                        throw e;
                    }
                    out.println(Json.line(error(file, e.getMessage())));
                }
                out.flush();
            }
        }
        return 0;
    }

    private static void classifyPhoto(PrintWriter out, FaceAnalyzer analyzer, Path file, RgbImage image, List<Object> models) {
        List<AnalyzedFace> faces = analyzer.analyze(image).faces();
        if (faces.isEmpty()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("file", file.toString());
            none.put("faces", 0);
            out.println(Json.line(none));
            return;
        }
        for (int j = 0; j < faces.size(); j++) {
            AnalyzedFace face = faces.get(j);
            Map<String, Object> f = entry(file, j, face.box(), face.gender().orElse(null), models);
            face.error().ifPresent(e -> f.put("error", e));
            out.println(Json.line(f));
        }
    }

    private static Map<String, Object> entry(Path file, int face, FaceBox box, GenderPrediction p, List<Object> models) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.put("face", face);
        if (box != null) {
            o.put("box", List.of(Json.round(box.x(), 2), Json.round(box.y(), 2), Json.round(box.width(), 2),
                    Json.round(box.height(), 2)));
            o.put("score", Json.round(box.score(), 4));
        }
        if (p != null) {
            o.put("gender", p.gender().name().toLowerCase(Locale.ROOT));
            o.put("probability", Json.round(p.probability(), 4));
        }
        o.put("models", models);
        return o;
    }

    private static Map<String, Object> error(Path file, String message) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.put("error", message);
        return o;
    }

    /** The photo analyzer, built on first need (aligned faces need none), around the command's classifier. */
    private final class LazyAnalyzer implements AutoCloseable {
        private final FaceCensus census;
        private final GenderClassifier classifier;
        private FaceAnalyzer analyzer;

        LazyAnalyzer(FaceCensus census, GenderClassifier classifier) {
            this.census = census;
            this.classifier = classifier;
        }

        FaceAnalyzer get() {
            if (analyzer == null) {
                analyzer = detector.applyTo(Components.analyzer(census, detector.name(), stages.landmarks(),
                        stages.aligner(), null)).classifier(classifier).build();
            }
            return analyzer;
        }

        @Override
        public void close() {
            if (analyzer != null) {
                analyzer.close();
            }
        }
    }
}
