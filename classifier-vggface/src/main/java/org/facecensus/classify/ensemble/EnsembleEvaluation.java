package org.facecensus.classify.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.stats.Proportion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the two-model filter keeps on a labelled set, at one threshold, next to each member alone:
 * for every rule, how many faces keep a label (kept fraction) and how many of those labels are
 * right (accuracy on the kept faces), each with its Wilson interval. Works for any two classifiers:
 * it is computed from their predictions, so each member can have been fed its own crop.
 *
 * <p>Thread-safety: immutable.
 *
 * @param first       the first member's name
 * @param second      the second member's name
 * @param threshold   the probability each member must reach
 * @param faces       how many labelled faces were measured
 * @param firstAlone  the first member alone: kept when its probability ≥ threshold
 * @param secondAlone the second member alone, likewise
 * @param bothAgree   the filter: kept when both reach the threshold on the same label
 */
public record EnsembleEvaluation(String first, String second, double threshold, long faces, Rule firstAlone,
        Rule secondAlone, Rule bothAgree) {

    /**
     * One rule's outcome.
     *
     * <p>Thread-safety: immutable.
     *
     * @param kept    faces that kept a MALE/FEMALE label
     * @param correct kept faces whose label is the annotated one
     * @param faces   faces measured
     */
    public record Rule(long kept, long correct, long faces) {
        public Rule {
            if (kept < 0 || correct < 0 || correct > kept || kept > faces) {
                throw new IllegalArgumentException("need 0 <= correct <= kept <= faces, got " + correct + ", " + kept
                        + ", " + faces);
            }
        }

        /** Share of faces that kept a label. */
        public Proportion keptFraction() {
            return new Proportion(kept, faces);
        }

        /** Share of kept labels that are right. */
        public Proportion accuracy() {
            return new Proportion(correct, kept);
        }
    }

    public EnsembleEvaluation {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(firstAlone, "firstAlone");
        Objects.requireNonNull(secondAlone, "secondAlone");
        Objects.requireNonNull(bothAgree, "bothAgree");
    }

    /**
     * Measures the rules on labelled faces, given both members' predictions of the same faces in the
     * same order.
     */
    public static EnsembleEvaluation of(String first, String second, double threshold, List<LabelledFace> truth,
            List<GenderPrediction> firstPredictions, List<GenderPrediction> secondPredictions) {
        if (truth.size() != firstPredictions.size() || truth.size() != secondPredictions.size()) {
            throw new IllegalArgumentException("need one prediction per member for every face: " + truth.size()
                    + " labels, " + firstPredictions.size() + " and " + secondPredictions.size() + " predictions");
        }
        long[] a = new long[2];
        long[] b = new long[2];
        long[] both = new long[2];
        for (int i = 0; i < truth.size(); i++) {
            Gender t = truth.get(i).gender();
            GenderPrediction p = firstPredictions.get(i);
            GenderPrediction q = secondPredictions.get(i);
            tally(a, keeps(p, threshold) ? p.gender() : Gender.UNKNOWN, t);
            tally(b, keeps(q, threshold) ? q.gender() : Gender.UNKNOWN, t);
            tally(both, EnsembleGenderClassifier.decide(p, q, threshold), t);
        }
        long n = truth.size();
        return new EnsembleEvaluation(first, second, threshold, n, new Rule(a[0], a[1], n), new Rule(b[0], b[1], n),
                new Rule(both[0], both[1], n));
    }

    /** {@link #of} at each threshold. */
    public static List<EnsembleEvaluation> sweep(String first, String second, List<LabelledFace> truth,
            List<GenderPrediction> firstPredictions, List<GenderPrediction> secondPredictions, double... thresholds) {
        List<EnsembleEvaluation> out = new ArrayList<>();
        for (double t : thresholds) {
            out.add(of(first, second, t, truth, firstPredictions, secondPredictions));
        }
        return out;
    }

    /** As JSON: {@code {"first", "second", "threshold", "faces", "rules": {"first": {...}, ...}}}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("first", first);
        o.put("second", second);
        o.put("threshold", threshold);
        o.put("faces", faces);
        ObjectNode rules = o.putObject("rules");
        rule(rules.putObject("firstAlone"), firstAlone);
        rule(rules.putObject("secondAlone"), secondAlone);
        rule(rules.putObject("bothAgree"), bothAgree);
        return o;
    }

    /** A list of evaluations as a JSON array. */
    public static ArrayNode toJson(List<EnsembleEvaluation> evaluations) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        evaluations.forEach(e -> a.add(e.toJson()));
        return a;
    }

    private static boolean keeps(GenderPrediction p, double threshold) {
        return p.gender() != Gender.UNKNOWN && p.probability() >= threshold;
    }

    private static void tally(long[] counts, Gender decided, Gender truth) {
        if (decided != Gender.UNKNOWN) {
            counts[0]++;
            counts[1] += decided == truth ? 1 : 0;
        }
    }

    private static void rule(ObjectNode o, Rule r) {
        o.put("kept", r.kept());
        o.put("correct", r.correct());
        o.put("faces", r.faces());
        Proportion k = r.keptFraction();
        o.put("keptFraction", k.estimate());
        o.put("keptLow", k.wilson95().low());
        o.put("keptHigh", k.wilson95().high());
        Proportion acc = r.accuracy();
        o.put("accuracy", acc.estimate());
        o.put("accuracyLow", acc.wilson95().low());
        o.put("accuracyHigh", acc.wilson95().high());
    }
}
