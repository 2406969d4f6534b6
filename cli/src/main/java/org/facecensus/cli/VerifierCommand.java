package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.facecensus.classify.transfer.FaceVerifierTraining;
import org.facecensus.classify.transfer.GenderHeadTraining;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.transfer.head.FaceVerifierHead;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.label.CensusFace;
import org.facecensus.label.CensusFolder;
import org.facecensus.label.FaceKey;
import org.facecensus.label.Label;
import org.facecensus.label.LabelEntry;
import org.facecensus.label.LabelStore;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facecensus verifier train}: a face / not-a-face verifier from the labels of one or more labelled
 * censuses, for {@code analyze --verifier}.
 *
 * <p>Thread-safety: a command; runs on the calling thread.
 */
@Command(name = "verifier", mixinStandardHelpOptions = true, subcommands = VerifierCommand.Train.class,
        description = "Train a face / not-a-face verifier on the labels of labelled censuses.")
final class VerifierCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a verifier on the faces labelled in CENSUS_DIR/labels.jsonl: female, male and can't-tell"
                    + " are faces, not-a-face is not; skipped faces are left out.",
                    "With --folds K (default 5) it first scores every face with a verifier trained without it and prints"
                            + " the false faces removed and the true faces lost at several thresholds."})
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CENSUS_DIR", arity = "1..*", description = "Labelled census folders ('facecensus label').")
        List<Path> censuses;

        @Option(names = "--out", paramLabel = "VERIFIER.json", required = true, description = "Where to write the verifier.")
        Path outFile;

        @Option(names = "--backbone", paramLabel = "NAME", defaultValue = GenderHeadTraining.DEFAULT_BACKBONE,
                description = "Feature extractor, as for 'gender train' (default ${DEFAULT-VALUE}).")
        String backboneName;

        @Option(names = "--head", paramLabel = "mlp|logistic", defaultValue = "mlp",
                description = "Head kind (default ${DEFAULT-VALUE}: on the People-Art labels it removed as many false faces as logistic regression and lost fewer true ones, cross-validated).")
        String head;

        @Option(names = "--threshold", paramLabel = "P", defaultValue = "" + FaceVerifierHead.DEFAULT_THRESHOLD,
                description = "Reject a detection whose calibrated probability of a face is below P (default ${DEFAULT-VALUE}).")
        double threshold;

        @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
                description = "Cross-validation folds for the figures (0: none; default ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--cache", paramLabel = "DIR",
                description = "Embedding cache folder (default: as for 'gender train').")
        Path cache;

        @Option(names = "--no-cache", description = "Compute every embedding afresh and store none.")
        boolean noCache;

        @CommandLine.Mixin
        DeviceMixin device;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (folds == 1 || folds < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be 0 (none) or at least 2");
            }
            List<Path> crops = new ArrayList<>();
            List<String> origins = new ArrayList<>();
            List<Boolean> isFace = new ArrayList<>();
            for (Path dir : censuses) {
                CensusFolder folder = CensusFolder.read(dir);
                Map<FaceKey, LabelEntry> labels;
                try (LabelStore store = LabelStore.open(folder)) {
                    store.warnings().forEach(w -> err.println("facecensus: " + w));
                    labels = store.currentLabels();
                }
                for (CensusFace face : folder.faces()) {
                    LabelEntry label = labels.get(face.key());
                    if (label == null || label.label() == Label.SKIP || face.crop() == null) {
                        continue;
                    }
                    crops.add(face.crop());
                    origins.add(dir.getFileName() + " " + face.key().itemId() + "#" + face.key().faceIndex());
                    isFace.add(label.label() != Label.NOT_A_FACE);
                }
            }
            long faces = isFace.stream().filter(b -> b).count();
            err.printf(Locale.ROOT, "facecensus: %d labelled detections: %d faces, %d not faces%n", crops.size(), faces,
                    crops.size() - faces);
            TrainingOptions options = TrainingOptions.defaults(TrainingOptions.Kind.parse(head)).withSeed(seed);
            BackboneConfig config = BackboneConfig.provider(backboneName)
                    .withFlipAverage(Boolean.parseBoolean(GenderHeadTraining.DEFAULT_FLIP));
            try (Backbone backbone = Backbone.open(config, new ProviderContext(ModelStore.defaultStore(), device.device()))) {
                EmbeddingCache embeddings = noCache ? EmbeddingCache.disabled()
                        : EmbeddingCache.open(cache != null ? cache : EmbeddingCache.defaultDirectory(), backbone.featureKey());
                FeatureTable.EmbeddedFiles embedded = FeatureTable.embedFiles(crops, origins, backbone, embeddings,
                        GenderCommand.progress(err, "embedding", crops.size()));
                GenderCommand.reportProblems(err, embedded.problems());
                List<float[]> features = new ArrayList<>();
                List<Boolean> labels = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                for (int i = 0; i < crops.size(); i++) {
                    if (embedded.features()[i] != null) {
                        features.add(embedded.features()[i]);
                        labels.add(isFace.get(i));
                        hashes.add(embedded.hashes()[i]);
                    }
                }
                FaceVerifierTraining.Examples examples = new FaceVerifierTraining.Examples(features, labels, hashes);
                FaceVerifierHead verifier = FaceVerifierTraining.train(examples, backbone, options, "platt", threshold,
                        censuses.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList().toString(), folds);
                String sha = verifier.save(outFile);
                var cv = verifier.provenance().path("cross_validation");
                if (!cv.isMissingNode()) {
                    out.printf(Locale.ROOT, "%d-fold cross-validation (each detection scored by a verifier trained"
                            + " without it):%n", folds);
                    out.println("  threshold  false faces removed   true faces lost");
                    for (var row : cv.get("thresholds")) {
                        out.printf(Locale.ROOT, "  %9.2f  %9d of %-6d  %7d of %-6d%s%n", row.get("threshold").asDouble(),
                                row.get("false_faces_removed").asInt(), row.get("false_faces").asInt(),
                                row.get("true_faces_lost").asInt(), row.get("true_faces").asInt(),
                                Math.abs(row.get("threshold").asDouble() - threshold) < 1e-9 ? "   <- --threshold" : "");
                    }
                }
                out.printf(Locale.ROOT, "Trained a %s verifier on %d detections (%d faces); wrote %s (sha256 %s)%n",
                        options.kind().name().toLowerCase(Locale.ROOT), features.size(),
                        labels.stream().filter(b -> b).count(), outFile, sha);
                out.println("Use it with: facecensus analyze ... --verifier " + outFile);
                out.flush();
            }
            return 0;
        }
    }
}
