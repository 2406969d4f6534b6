package org.facecensus.classify.transfer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.head.Calibration;
import org.facecensus.classify.transfer.head.FaceVerifierHead;
import org.facecensus.classify.transfer.head.HeadTrainer;
import org.facecensus.classify.transfer.head.TrainingOptions;

/**
 * Trains a {@link FaceVerifierHead} on backbone features of detected faces labelled face or not-a-face (in
 * {@code facecensus label}: female, male and can't-tell are faces; {@code n} marks a false face), and
 * measures it by k-fold cross-validation, since a collection's labels are usually too few to spare a test
 * split.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceVerifierTraining {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The thresholds at which cross-validation reports faces kept and lost. */
    public static final double[] REPORTED_THRESHOLDS = {0.1, 0.2, 0.3, 0.5, 0.7};

    private FaceVerifierTraining() {
    }

    /**
     * Labelled features: one row per detected face.
     *
     * <p>Thread-safety: immutable lists of arrays nobody changes.
     *
     * @param features backbone features of each face's crop
     * @param isFace   whether a person labelled it a face
     * @param hashes   sha256 of each crop file, for the training data's hash
     */
    public record Examples(List<float[]> features, List<Boolean> isFace, List<String> hashes) {
        public Examples {
            features = List.copyOf(features);
            isFace = List.copyOf(isFace);
            hashes = List.copyOf(hashes);
            if (features.size() != isFace.size() || features.size() != hashes.size()) {
                throw new IllegalArgumentException("one label and one hash per feature vector");
            }
        }

        int faces() {
            return (int) isFace.stream().filter(b -> b).count();
        }
    }

    /**
     * Out-of-fold figures at one threshold: what the verifier would have done to faces it was not trained on.
     *
     * <p>Thread-safety: immutable.
     *
     * @param threshold     the probability below which a face is rejected
     * @param falseRemoved  not-a-face labels rejected
     * @param falseFaces    not-a-face labels in all
     * @param trueLost      face labels rejected
     * @param trueFaces     face labels in all
     */
    public record Figures(double threshold, int falseRemoved, int falseFaces, int trueLost, int trueFaces) {
    }

    /**
     * Trains on all examples.
     *
     * @param folds the cross-validation folds run first for the figures in the provenance (0: none)
     */
    public static FaceVerifierHead train(Examples examples, Backbone backbone, TrainingOptions options, String calibration,
                                         double threshold, String dataSource, int folds) {
        long t0 = System.nanoTime();
        double[][] x = GenderHeadTraining.rows(examples.features());
        int[] y = labels(examples);
        HeadTrainer.Result r = HeadTrainer.train(x, y, options);
        Calibration cal = Calibration.fit(calibration, r.validationScores(), pick(y, r.validationRows()));
        ObjectNode provenance = MAPPER.createObjectNode();
        provenance.put("trained_at", Instant.now().toString());
        ObjectNode data = provenance.putObject("training_data");
        data.put("source", dataSource);
        data.put("sha256", dataHash(examples));
        data.put("hash_of", "sha256 over the sorted lines '<crop sha256> face|not_a_face' of the faces used");
        data.put("faces", examples.faces());
        data.put("not_faces", examples.features().size() - examples.faces());
        provenance.set("hyperparameters", GenderHeadTraining.hyperparameters(options, cal));
        ObjectNode run = provenance.putObject("training_run");
        run.put("best_epoch", r.bestEpoch());
        run.put("epochs_run", r.epochsRun());
        run.put("validation_loss", r.validationLoss());
        run.put("seconds", (System.nanoTime() - t0) / 1e9);
        if (folds > 0) {
            ObjectNode cv = provenance.putObject("cross_validation");
            cv.put("folds", folds);
            cv.put("note", "each face scored by a verifier trained without its fold; same options and calibration");
            ArrayNode rows = cv.putArray("thresholds");
            for (Figures f : figures(crossValidate(examples, options, calibration, folds), examples)) {
                rows.addObject().put("threshold", f.threshold()).put("false_faces_removed", f.falseRemoved())
                        .put("false_faces", f.falseFaces()).put("true_faces_lost", f.trueLost())
                        .put("true_faces", f.trueFaces());
            }
        }
        return new FaceVerifierHead(backbone.config(), backbone.models(), r.network(), r.standardizer(), cal, threshold,
                provenance);
    }

    /**
     * Each example's calibrated probability of being a face from a verifier trained on the other folds
     * (stratified, seeded by {@code options.seed()}).
     */
    public static double[] crossValidate(Examples examples, TrainingOptions options, String calibration, int folds) {
        if (folds < 2) {
            throw new FaceCensusException("Cross-validation needs at least 2 folds, got " + folds);
        }
        double[][] x = GenderHeadTraining.rows(examples.features());
        int[] y = labels(examples);
        int[] fold = stratifiedFolds(y, folds, options.seed());
        double[] out = new double[y.length];
        for (int k = 0; k < folds; k++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                (fold[i] == k ? test : train).add(i);
            }
            double[][] tx = train.stream().map(i -> x[i]).toArray(double[][]::new);
            int[] ty = train.stream().mapToInt(i -> y[i]).toArray();
            HeadTrainer.Result r = HeadTrainer.train(tx, ty, options);
            Calibration cal = Calibration.fit(calibration, r.validationScores(), pick(ty, r.validationRows()));
            for (int i : test) {
                out[i] = cal.apply(r.network().probability(r.standardizer().apply(x[i])));
            }
        }
        return out;
    }

    /** Faces removed and lost at each of {@link #REPORTED_THRESHOLDS}, from probabilities such as {@link #crossValidate}'s. */
    public static List<Figures> figures(double[] probabilityFace, Examples examples) {
        List<Figures> out = new ArrayList<>();
        int faces = examples.faces();
        int notFaces = probabilityFace.length - faces;
        for (double t : REPORTED_THRESHOLDS) {
            int removed = 0;
            int lost = 0;
            for (int i = 0; i < probabilityFace.length; i++) {
                if (probabilityFace[i] < t) {
                    if (examples.isFace().get(i)) {
                        lost++;
                    } else {
                        removed++;
                    }
                }
            }
            out.add(new Figures(t, removed, notFaces, lost, faces));
        }
        return out;
    }

    private static int[] labels(Examples examples) {
        int[] y = new int[examples.isFace().size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.isFace().get(i) ? 1 : 0;
        }
        return y;
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    /** Per class, a seeded shuffle dealt round-robin into {@code folds} folds. */
    static int[] stratifiedFolds(int[] y, int folds, long seed) {
        Random random = new Random(seed ^ 0xF01DL);
        int[] fold = new int[y.length];
        for (int label = 0; label <= 1; label++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == label) {
                    rows.add(i);
                }
            }
            java.util.Collections.shuffle(rows, random);
            for (int k = 0; k < rows.size(); k++) {
                fold[rows.get(k)] = k % folds;
            }
        }
        return fold;
    }

    private static String dataHash(Examples examples) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < examples.hashes().size(); i++) {
            lines.add(examples.hashes().get(i) + (examples.isFace().get(i) ? " face" : " not_a_face"));
        }
        lines.sort(null);
        return EmbeddingCache.contentHash(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
}
