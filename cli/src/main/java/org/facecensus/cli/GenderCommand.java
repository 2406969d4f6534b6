package org.facecensus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.baseline.FisherfacesGenderClassifier;
import org.facecensus.classify.baseline.FisherfacesNatives;
import org.facecensus.classify.baseline.FisherfacesSettings;
import org.facecensus.classify.transfer.GenderHeadTraining;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.classify.transfer.TransferGenderClassifier;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.data.DataProblem;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.eval.GenderEvaluation;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.image.ImageLoader;
import org.facecensus.io.AtomicFiles;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus gender train|evaluate}: train a gender head on labelled aligned faces, and
 * measure a head or a classifier provider on labelled faces (readable tables on stdout, and the
 * evaluation file the census reads for its error correction with {@code --json}).
 */
@Command(name = "gender", mixinStandardHelpOptions = true,
        description = "Train and evaluate gender classifiers on labelled faces.",
        subcommands = {GenderCommand.Train.class, GenderCommand.Evaluate.class})
final class GenderCommand implements Callable<Integer> {
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Options shared by train and evaluate: the data, the cache, the device. */
    static class DataOptions {
        @Option(names = "--data", paramLabel = "DIR", required = true,
                description = "Labelled faces: DIR/labels.csv (file, gender, optional split, other columns = groups) "
                        + "or DIR/[train|test/]{male,female}/*.jpg.")
        Path data;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Embedding cache folder (default: -Dfacecensus.embeddings, $FACECENSUS_EMBEDDINGS, "
                        + "else ~/.cache/facecensus/embeddings).")
        Path cache;

        @Option(names = "--no-cache", description = "Compute every embedding afresh and store none.")
        boolean noCache;

        @CommandLine.Mixin
        DeviceMixin device;

        ProviderContext context() {
            return new ProviderContext(ModelStore.defaultStore(), device.device());
        }

        EmbeddingCache cache(Backbone backbone) {
            return noCache ? EmbeddingCache.disabled()
                    : EmbeddingCache.open(cache != null ? cache : EmbeddingCache.defaultDirectory(), backbone.featureKey());
        }
    }

    static void reportProblems(PrintWriter err, List<DataProblem> problems) {
        for (DataProblem p : problems) {
            err.println("facecensus: skipped " + p);
        }
        if (!problems.isEmpty()) {
            err.println("facecensus: " + problems.size() + " labelled item(s) skipped (see above)");
        }
        err.flush();
    }

    static java.util.function.IntConsumer progress(PrintWriter err, String what, int total) {
        long start = System.nanoTime();
        int[] last = {-1};
        return done -> {
            if (done == last[0]) {
                return;
            }
            last[0] = done;
            double s = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "%s: %d/%d faces (%.0f s)%n", what, done, total, s);
            err.flush();
        };
    }

    /** Picks the faces of a split: the named one, else {@code fallback} when the data has splits, else all. */
    static List<LabelledFace> select(LabelledDataset data, String split, String fallback) {
        boolean hasSplits = data.faces().stream().anyMatch(f -> !f.split().isEmpty());
        String chosen = split != null ? split : hasSplits ? fallback : "";
        List<LabelledFace> faces = data.split(chosen);
        if (faces.isEmpty()) {
            throw new FaceCensusException("No labelled faces in split '" + chosen + "' of " + data.root()
                    + (hasSplits ? "; the splits present are " + data.faces().stream().map(LabelledFace::split)
                    .distinct().toList() : "; this data has no splits: leave out --split") + ".");
        }
        return faces;
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a gender head on a backbone's features of labelled aligned faces; write it as JSON.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data;

        @Option(names = "--out", paramLabel = "HEAD", required = true, description = "Where to write the head (JSON).")
        Path headFile;

        @Option(names = "--split", paramLabel = "NAME",
                description = "Train on this split (default: 'train' when the data has splits, else all faces).")
        String split;

        @Option(names = "--backbone", paramLabel = "NAME", defaultValue = GenderHeadTraining.DEFAULT_BACKBONE,
                description = "Feature extractor: an embedder provider, several joined by '+' (their features"
                        + " concatenated, e.g. resnet-descriptor+faceapi-agegender-features; default ${DEFAULT-VALUE}),"
                        + " or 'vggface' with --backbone-file.")
        String backboneName;

        @Option(names = "--backbone-file", paramLabel = "ONNX",
                description = "The user-supplied ONNX file of --backbone vggface (not distributed: non-commercial licence).")
        Path backboneFile;

        @Option(names = "--backbone-output", paramLabel = "NODE", defaultValue = "features",
                description = "The output node of --backbone-file to use (a conv5 map is average-pooled; default ${DEFAULT-VALUE}).")
        String backboneOutput;

        @Option(names = "--crop-fraction", paramLabel = "F", defaultValue = "1.0",
                description = "Give the backbone the centred square F of each crop (default ${DEFAULT-VALUE}).")
        double cropFraction;

        @Option(names = "--flip", description = "Average the features of each face and its mirror image (the default).")
        boolean flip;

        // Two plain flags rather than picocli's negatable option, whose positive form toggles a true default.
        @Option(names = "--no-flip", description = "Do not mirror-average: one backbone pass per face.")
        boolean noFlip;

        @Option(names = "--head", paramLabel = "mlp|logistic|fisherfaces", defaultValue = GenderHeadTraining.DEFAULT_HEAD,
                description = "Head: the study's MLP 256-64-1, logistic regression, or the Fisherfaces baseline on grey"
                        + " pixels (no backbone; --out model.yml, written with its model.yml.json sidecar; only"
                        + " --split and --data-licence apply; its settings are the measured defaults) (default ${DEFAULT-VALUE}).")
        String head;

        @Option(names = "--data-licence", paramLabel = "TEXT",
                description = "The terms of the training data, recorded in a Fisherfaces model (they bind it).")
        String dataLicence;

        @Option(names = "--learning-rate", paramLabel = "R",
                description = "Adam's learning rate (default: the chosen default of the head kind, see the README).")
        Double learningRate;

        @Option(names = "--l2", paramLabel = "L",
                description = "L2 penalty on the weights (default: the chosen default of the head kind, see the README).")
        Double l2;

        @Option(names = "--calibration", paramLabel = "platt|isotonic|none", defaultValue = "platt",
                description = "Calibration fitted on the validation split (default ${DEFAULT-VALUE}).")
        String calibration;

        @Option(names = "--abstain-margin", paramLabel = "M", defaultValue = "0.1",
                description = "UNKNOWN when the calibrated probability is within M of 0.5 (default ${DEFAULT-VALUE}).")
        double margin;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--also-data", paramLabel = "DIR",
                description = "More labelled faces to train on besides --data (e.g. photos such as UTKFace next to a"
                        + " collection's own labels from 'label export'); their 'train' split, else all.")
        Path alsoData;

        @Option(names = "--also-weight", paramLabel = "W",
                description = "The loss weight of each --also-data face; --data faces weigh 1 (default: the weight that"
                        + " gives both sets the same total, so neither drowns the other).")
        Double alsoWeight;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Most epochs (default ${DEFAULT-VALUE}).")
        int epochs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (head.trim().equalsIgnoreCase(FisherfacesGenderClassifier.NAME)) {
                return trainFisherfaces(out, err);
            }
            TrainingOptions options = TrainingOptions.defaults(TrainingOptions.Kind.parse(head)).withSeed(seed)
                    .withEpochs(epochs);
            if (learningRate != null) {
                options = options.withLearningRate(learningRate);
            }
            if (l2 != null) {
                options = options.withL2(l2);
            }
            BackboneConfig config = backboneFile != null ? BackboneConfig.vggFace(backboneFile, backboneOutput)
                    : BackboneConfig.provider(backboneName);
            if (backboneFile == null && backboneName.equalsIgnoreCase("vggface")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--backbone vggface needs --backbone-file"
                        + " ONNX: VGG-Face weights are not distributed with FaceCensus (non-commercial licence).");
            }
            if (flip && noFlip) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Give --flip or --no-flip, not both.");
            }
            boolean mirror = !noFlip && (flip || Boolean.parseBoolean(GenderHeadTraining.DEFAULT_FLIP));
            config = config.withCropFraction(cropFraction).withFlipAverage(mirror);
            LabelledDataset dataset = LabelledDataset.read(data.data);
            reportProblems(err, dataset.problems());
            List<LabelledFace> faces = select(dataset, split, "train");
            String source = data.data.toAbsolutePath().normalize() + (split != null ? " split=" + split
                    : faces.size() < dataset.faces().size() ? " split=train" : "");
            int own = faces.size();
            if (alsoWeight != null && alsoData == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--also-weight needs --also-data");
            }
            if (alsoWeight != null && !(alsoWeight > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--also-weight must be positive");
            }
            int skippedRows = dataset.problems().size();
            if (alsoData != null) {
                LabelledDataset also = LabelledDataset.read(alsoData);
                reportProblems(err, also.problems());
                skippedRows += also.problems().size();
                List<LabelledFace> more = select(also, null, "train");
                faces = new ArrayList<>(faces);
                faces.addAll(more);
                source += " + " + alsoData.toAbsolutePath().normalize() + (more.size() < also.faces().size() ? " split=train" : "");
            }
            long t0 = System.nanoTime();
            try (Backbone backbone = Backbone.open(config, data.context())) {
                FeatureTable table = FeatureTable.embed(faces, backbone, data.cache(backbone),
                        progress(err, "embedding", faces.size()));
                reportProblems(err, table.problems());
                double embedSeconds = (System.nanoTime() - t0) / 1e9;
                GenderHead trained;
                if (alsoData == null) {
                    trained = GenderHeadTraining.train(table, backbone, options, calibration, margin, source, skippedRows);
                } else {
                    // Rows of the table keep the input order: the first ones that survived embedding are --data's.
                    java.util.Set<LabelledFace> ownFaces = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                    ownFaces.addAll(faces.subList(0, own));
                    long ownKept = table.faces().stream().filter(ownFaces::contains).count();
                    long alsoKept = table.size() - ownKept;
                    double w = alsoWeight != null ? alsoWeight : (double) ownKept / Math.max(1, alsoKept);
                    double[] weights = new double[table.size()];
                    for (int i = 0; i < weights.length; i++) {
                        weights[i] = ownFaces.contains(table.faces().get(i)) ? 1 : w;
                    }
                    String weighting = String.format(Locale.ROOT, "--data faces 1 (%d), --also-data faces %.6g (%d)%s",
                            ownKept, w, alsoKept, alsoWeight == null ? ": equal totals" : "");
                    err.println("facecensus: weights " + weighting);
                    trained = GenderHeadTraining.train(table, weights, weighting, backbone, options, calibration,
                            margin, source, skippedRows);
                }
                String sha = trained.save(headFile);
                ObjectNode prov = trained.provenance();
                ObjectNode val = (ObjectNode) prov.get("validation");
                out.printf(Locale.ROOT, "Trained %s head on %s (%d faces: %s) in %.1f s (embedding %.1f s)%n",
                        options.kind().name().toLowerCase(Locale.ROOT), backbone.config().name(), table.size(),
                        prov.get("training_data").get("counts"), prov.get("training_run").get("seconds").asDouble(),
                        embedSeconds);
                out.printf(Locale.ROOT, "  best epoch %d of %d; validation: accuracy %.4f, coverage %.4f, ROC-AUC %.4f, ECE %.4f (%d faces)%n",
                        prov.get("training_run").get("best_epoch").asInt(), prov.get("training_run").get("epochs_run").asInt(),
                        val.get("accuracy").path("estimate").asDouble(), val.get("coverage").path("estimate").asDouble(),
                        val.path("roc_auc").asDouble(), val.path("ece_10_bins").asDouble(), val.get("faces").asInt());
                out.printf("  wrote %s (sha256 %s)%n", headFile, sha);
                out.flush();
            }
            return 0;
        }

        private int trainFisherfaces(PrintWriter out, PrintWriter err) {
            FisherfacesNatives.require();
            LabelledDataset dataset = LabelledDataset.read(data.data);
            reportProblems(err, dataset.problems());
            List<LabelledFace> faces = select(dataset, split, "train");
            String description = data.data.toAbsolutePath().normalize() + (split != null ? " split=" + split
                    : faces.size() < dataset.faces().size() ? " split=train" : "") + " (" + faces.size() + " faces)";
            String licence = dataLicence != null ? dataLicence : "unspecified: check the training data's terms";
            try (FisherfacesGenderClassifier trained = FisherfacesGenderClassifier.train(faces,
                    FisherfacesSettings.DEFAULT, description, licence)) {
                reportProblems(err, trained.skippedWhileTraining());
                Path sidecar = trained.save(headFile);
                ObjectNode training = (ObjectNode) trained.provenance().get("training");
                out.printf(Locale.ROOT, "Trained fisherfaces on %d faces (%d female, %d male) in %.1f s%n",
                        training.get("faces").asInt(), training.get("female").asInt(), training.get("male").asInt(),
                        training.get("seconds").asDouble());
                out.printf(Locale.ROOT, "  validation (%d faces held out): accuracy %.4f (OpenCV nearest neighbour %.4f)%n",
                        training.get("validation").get("female").asInt() + training.get("validation").get("male").asInt(),
                        training.get("validation").get("accuracy").asDouble(),
                        training.get("validation").get("nearestNeighbourAccuracy").asDouble());
                out.printf("  wrote %s and %s (sha256 %s)%n", headFile, sidecar, trained.models().get(0).sha256());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Measure a trained head or a classifier provider on labelled aligned faces.")
    static final class Evaluate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @CommandLine.Mixin
        DataOptions data;

        @CommandLine.Mixin
        ClassifierMixin classifier;

        @Option(names = "--backbone-file", paramLabel = "ONNX", description = "Where the head's user-supplied backbone file is now.")
        Path backboneFile;

        @Option(names = "--split", paramLabel = "NAME",
                description = "Evaluate on this split (default: 'test' when the data has splits, else all faces).")
        String split;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON (the census' evaluation file).")
        Path json;

        @Option(names = "--abstain-margin", paramLabel = "M", description = "Override the head's abstain band.")
        Double margin;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String which = classifier.required();
            // A head alone is measured on cached backbone features (fast, --abstain-margin applies);
            // anything else classifies every face through its spec.
            Path headFile = isHeadFile(which) ? Path.of(which.strip()) : null;
            LabelledDataset dataset = LabelledDataset.read(data.data);
            reportProblems(err, dataset.problems());
            List<LabelledFace> faces = select(dataset, split, "test");
            List<GenderEvaluation.Verdict> verdicts = new ArrayList<>();
            List<ModelInfo> models;
            String name;
            if (headFile != null) {
                try (TransferGenderClassifier c = TransferGenderClassifier.open(headFile, data.context(), backboneFile)) {
                    GenderHead head = margin == null ? c.head() : c.head().withAbstainMargin(margin);
                    FeatureTable table = FeatureTable.embed(faces, c.backbone(), data.cache(c.backbone()),
                            progress(err, "embedding", faces.size()));
                    reportProblems(err, table.problems());
                    for (int i = 0; i < table.size(); i++) {
                        double p = head.probabilityFemale(table.features().get(i));
                        verdicts.add(new GenderEvaluation.Verdict(table.faces().get(i), head.decide(p), p));
                    }
                    models = c.models();
                    name = "transfer:" + headFile.getFileName();
                }
            } else {
                try (GenderClassifier c = GenderClassifierSpec.open(which, data.context())) {
                    ImageLoader loader = ImageLoader.defaults();
                    java.util.Set<ModelInfo> used = new java.util.LinkedHashSet<>();
                    List<DataProblem> problems = new ArrayList<>();
                    for (LabelledFace f : faces) {
                        try {
                            RgbImage img = loader.load(f.file());
                            AlignedFace aligned = AlignedFace.ofCrop(img);
                            GenderPrediction p = c.classify(aligned);
                            used.add(p.model());
                            double pf = p.gender() == Gender.FEMALE ? p.probability()
                                    : p.gender() == Gender.MALE ? 1 - p.probability() : Double.NaN;
                            verdicts.add(new GenderEvaluation.Verdict(f, p.gender(), pf));
                        } catch (FaceCensusException e) {
                            problems.add(new DataProblem(f.origin(), f.file().toString(), e.getMessage()));
                        }
                    }
                    reportProblems(err, problems);
                    models = List.copyOf(used);
                    name = c.name();
                }
            }
            ObjectNode result = GenderEvaluation.evaluate(name, verdicts, dataset.groupColumns());
            ObjectNode d = result.putObject("data");
            d.put("folder", data.data.toAbsolutePath().normalize().toString());
            d.put("split", split != null ? split : faces.size() < dataset.faces().size() ? "test" : "all");
            d.put("skipped", dataset.problems().size() + faces.size() - verdicts.size());
            ArrayNode m = result.putArray("models");
            models.forEach(mi -> m.addPOJO(Json.model(mi)));
            out.print(GenderEvaluation.format(result));
            out.flush();
            if (json != null) {
                AtomicFiles.writeBytes(json, PRETTY.writeValueAsBytes(result));
                err.println("facecensus: wrote " + json);
            }
            return 0;
        }

        /** A trained head on its own (not a two-model filter): what the old {@code --model HEAD} named. */
        static boolean isHeadFile(String spec) {
            String s = spec.strip().toLowerCase(Locale.ROOT);
            return s.endsWith(".json") && !s.contains(",");
        }
    }
}
