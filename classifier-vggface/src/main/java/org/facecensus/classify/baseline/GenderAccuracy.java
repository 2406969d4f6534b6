package org.facecensus.classify.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.facecensus.classify.Gender;
import org.facecensus.stats.Proportion;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Accuracy of gender predictions against annotations, overall and per group (race, age band), each
 * as a {@link Proportion} so that it carries its Wilson interval; and the confusion matrix in the
 * evaluation-file layout the census reads (rows: true label, columns: prediction, "unknown" =
 * abstained).
 *
 * <p>Abstentions ({@link Gender#UNKNOWN} predictions) are left out of the accuracy and counted in
 * the confusion matrix, so that accuracy means "when it decides".
 *
 * <p>Thread-safety: stateless.
 */
public final class GenderAccuracy {
    /** The age bands reported for UTKFace, youngest first. */
    public static final List<String> AGE_BANDS = List.of("0-2", "3-12", "13-19", "20-39", "40-59", "60+");

    private GenderAccuracy() {
    }

    /** The band of an age in years: 0–2, 3–12, 13–19, 20–39, 40–59, 60+. */
    public static String ageBand(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("age must be >= 0, got " + age);
        }
        return age <= 2 ? "0-2" : age <= 12 ? "3-12" : age <= 19 ? "13-19" : age <= 39 ? "20-39"
                : age <= 59 ? "40-59" : "60+";
    }

    /** Correct decisions out of decisions (abstentions left out). */
    public static Proportion accuracy(List<Gender> truth, List<Gender> predicted) {
        checkSizes(truth, predicted);
        long decided = 0;
        long correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (predicted.get(i) != Gender.UNKNOWN) {
                decided++;
                correct += predicted.get(i) == truth.get(i) ? 1 : 0;
            }
        }
        return new Proportion(correct, decided);
    }

    /** {@link #accuracy} within each group, groups in natural order. */
    public static Map<String, Proportion> byGroup(List<String> groups, List<Gender> truth, List<Gender> predicted) {
        checkSizes(truth, predicted);
        checkSizes(groups, truth);
        Map<String, long[]> counts = new TreeMap<>();
        for (int i = 0; i < truth.size(); i++) {
            long[] c = counts.computeIfAbsent(groups.get(i), k -> new long[2]);
            if (predicted.get(i) != Gender.UNKNOWN) {
                c[1]++;
                c[0] += predicted.get(i) == truth.get(i) ? 1 : 0;
            }
        }
        Map<String, Proportion> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new Proportion(c[0], c[1])));
        return out;
    }

    /**
     * The confusion matrix as the census' evaluation file wants it:
     * {@code {"female": {"female": n, "male": n, "unknown": n}, "male": {...}}}.
     */
    public static ObjectNode confusion(List<Gender> truth, List<Gender> predicted) {
        checkSizes(truth, predicted);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Gender t : List.of(Gender.FEMALE, Gender.MALE)) {
            ObjectNode row = out.putObject(key(t));
            for (Gender p : List.of(Gender.FEMALE, Gender.MALE, Gender.UNKNOWN)) {
                long n = 0;
                for (int i = 0; i < truth.size(); i++) {
                    n += truth.get(i) == t && predicted.get(i) == p ? 1 : 0;
                }
                row.put(key(p), n);
            }
        }
        return out;
    }

    /** {@code {"correct": c, "faces": n, "accuracy": c/n, "low": ..., "high": ...}} (Wilson 95 %). */
    public static ObjectNode toJson(Proportion p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("correct", p.successes());
        o.put("faces", p.trials());
        o.put("accuracy", p.estimate());
        Proportion.Interval ci = p.wilson95();
        o.put("low", ci.low());
        o.put("high", ci.high());
        return o;
    }

    /** "0.912 [0.893, 0.928] (883/968)". */
    public static String format(Proportion p) {
        Proportion.Interval ci = p.wilson95();
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d)", p.estimate(), ci.low(), ci.high(),
                p.successes(), p.trials());
    }

    private static String key(Gender g) {
        return g.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void checkSizes(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("lists differ in length: " + a.size() + " vs " + b.size());
        }
    }
}
