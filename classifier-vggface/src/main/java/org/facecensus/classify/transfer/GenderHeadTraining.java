package org.facecensus.classify.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.classify.Gender;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.eval.GenderEvaluation;
import org.facecensus.classify.transfer.head.Calibration;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.classify.transfer.head.HeadTrainer;
import org.facecensus.classify.transfer.head.TrainingOptions;

/**
 * Trains a {@link GenderHead} on the features of labelled faces: the head, then the calibration on
 * the validation split, with the provenance a head file carries (training data hash and counts,
 * hyper-parameters, seed, validation figures).
 *
 * <p>Thread-safety: stateless.
 */
public final class GenderHeadTraining {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The backbone {@code facecensus gender train} uses by default (chosen on validation, see the README). */
    public static final String DEFAULT_BACKBONE = "resnet-descriptor+faceapi-agegender-features";
    /** Whether {@code gender train} mirror-averages features by default ("true"/"false", for picocli). */
    public static final String DEFAULT_FLIP = "true";
    /** The head kind {@code gender train} uses by default. */
    public static final String DEFAULT_HEAD = "mlp";

    private GenderHeadTraining() {
    }

    /**
     * @param table         the training faces with their features (from {@link FeatureTable#embed})
     * @param backbone      the backbone that made the features
     * @param options       hyper-parameters and seed
     * @param calibration   {@code platt}, {@code isotonic} or {@code none}
     * @param abstainMargin the abstain band's half-width around 0.5
     * @param dataSource    what the data was (a folder, a split), for provenance
     * @param skipped       labelled items skipped before training (bad rows, unreadable images)
     */
    public static GenderHead train(FeatureTable table, Backbone backbone, TrainingOptions options, String calibration,
                                   double abstainMargin, String dataSource, int skipped) {
        double[] ones = new double[table.size()];
        java.util.Arrays.fill(ones, 1);
        return train(table, ones, null, backbone, options, calibration, abstainMargin, dataSource, skipped);
    }

    /**
     * As {@link #train(FeatureTable, Backbone, TrainingOptions, String, double, String, int)}, with a weight per
     * face in the loss (e.g. a collection's own labels mixed with photo data).
     *
     * @param weighting how the weights were chosen, recorded in the provenance (null: unweighted)
     */
    public static GenderHead train(FeatureTable table, double[] rowWeights, String weighting, Backbone backbone,
                                   TrainingOptions options, String calibration, double abstainMargin, String dataSource,
                                   int skipped) {
        long t0 = System.nanoTime();
        double[][] x = rows(table.features());
        int[] y = new int[table.size()];
        for (int i = 0; i < x.length; i++) {
            y[i] = table.faces().get(i).gender() == Gender.FEMALE ? 1 : 0;
        }
        HeadTrainer.Result r = HeadTrainer.train(x, y, rowWeights, options);
        int[] valLabels = new int[r.validationRows().length];
        for (int i = 0; i < valLabels.length; i++) {
            valLabels[i] = y[r.validationRows()[i]];
        }
        Calibration cal = Calibration.fit(calibration, r.validationScores(), valLabels);
        double seconds = (System.nanoTime() - t0) / 1e9;

        ObjectNode provenance = MAPPER.createObjectNode();
        provenance.put("trained_at", Instant.now().toString());
        ObjectNode data = provenance.putObject("training_data");
        data.put("source", dataSource);
        data.put("sha256", dataHash(table));
        data.put("hash_of", "sha256 over the sorted lines '<image sha256> <label>' of the faces used");
        data.set("counts", counts(table.faces(), null));
        data.set("train_counts", counts(table.faces(), r.trainRows()));
        data.set("validation_counts", counts(table.faces(), r.validationRows()));
        data.put("skipped", skipped + table.problems().size());
        provenance.set("hyperparameters", hyperparameters(options, cal));
        if (weighting != null) {
            ((ObjectNode) provenance.get("hyperparameters")).put("row_weights", weighting);
        }
        ObjectNode run = provenance.putObject("training_run");
        run.put("best_epoch", r.bestEpoch());
        run.put("epochs_run", r.epochsRun());
        run.put("validation_loss", r.validationLoss());
        run.put("seconds", seconds);

        GenderHead head = new GenderHead(backbone.config(), backbone.models(), r.network(), r.standardizer(), cal,
                abstainMargin, provenance);
        List<GenderEvaluation.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < r.validationRows().length; i++) {
            double p = cal.apply(r.validationScores()[i]);
            verdicts.add(new GenderEvaluation.Verdict(table.faces().get(r.validationRows()[i]), head.decide(p), p));
        }
        ObjectNode validation = GenderEvaluation.evaluate("validation split", verdicts, List.of());
        validation.remove("groups");
        validation.remove("classifier");
        provenance.set("validation", validation);
        return new GenderHead(backbone.config(), backbone.models(), r.network(), r.standardizer(), cal, abstainMargin,
                provenance);
    }

    /** Embeds, then trains (see {@link #train}). */
    public static GenderHead train(List<LabelledFace> faces, Backbone backbone, EmbeddingCache cache,
                                   TrainingOptions options, String calibration, double abstainMargin, String dataSource,
                                   int skipped, java.util.function.IntConsumer progress) {
        FeatureTable table = FeatureTable.embed(faces, backbone, cache, progress);
        return train(table, backbone, options, calibration, abstainMargin, dataSource, skipped);
    }

    /** The hyper-parameters a head file records. */
    static ObjectNode hyperparameters(TrainingOptions options, Calibration cal) {
        ObjectNode hp = MAPPER.createObjectNode();
        hp.put("head", options.kind().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode hidden = hp.putArray("hidden");
        for (int h : options.hidden()) {
            hidden.add(h);
        }
        hp.put("optimizer", "adam");
        hp.put("loss", options.balanceClasses() ? "binary cross-entropy, class-weighted n/(2 n_class)" : "binary cross-entropy");
        hp.put("max_epochs", options.epochs());
        hp.put("patience", options.patience());
        hp.put("batch_size", options.batchSize());
        hp.put("learning_rate", options.learningRate());
        hp.put("l2", options.l2());
        hp.put("validation_fraction", options.validationFraction());
        hp.put("seed", options.seed());
        hp.put("calibration", cal.method());
        return hp;
    }

    /** The features as the trainer's double rows. */
    static double[][] rows(List<float[]> features) {
        double[][] x = new double[features.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] f = features.get(i);
            x[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                x[i][j] = f[j];
            }
        }
        return x;
    }

    private static ObjectNode counts(List<LabelledFace> faces, int[] rows) {
        Map<String, Integer> c = new TreeMap<>();
        if (rows == null) {
            faces.forEach(f -> c.merge(f.gender().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum));
        } else {
            for (int r : rows) {
                c.merge(faces.get(r).gender().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
            }
        }
        ObjectNode o = MAPPER.createObjectNode();
        c.forEach(o::put);
        return o;
    }

    static String dataHash(FeatureTable table) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            lines.add(table.hashes().get(i) + " " + table.faces().get(i).gender().name());
        }
        lines.sort(null);
        return EmbeddingCache.contentHash(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
