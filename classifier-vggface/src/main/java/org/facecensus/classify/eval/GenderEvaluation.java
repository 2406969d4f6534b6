package org.facecensus.classify.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.stats.Proportion;

/**
 * The figures of a gender classifier on labelled faces: accuracy (on the faces it did not abstain
 * on, and overall with abstentions counted wrong), per-class precision and recall, the confusion
 * matrix with an {@code unknown} column, ROC-AUC, expected calibration error (10 equal-width bins of
 * the predicted probability of the chosen label), coverage, and accuracy per value of every group
 * column with Wilson 95 % intervals.
 *
 * <p>Numeric group columns named {@code age} (or any column whose values are all whole numbers and
 * that has more than 12 distinct values) are banded 0-2, 3-12, 13-19, 20-39, 40-59, 60+: infants,
 * children, teenagers, and three adult bands, the groups whose faces differ most in how gender shows.
 *
 * <p>Thread-safety: stateless.
 */
public final class GenderEvaluation {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int[] AGE_BAND_STARTS = {0, 3, 13, 20, 40, 60};
    private static final String[] AGE_BAND_NAMES = {"0-2", "3-12", "13-19", "20-39", "40-59", "60+"};

    private GenderEvaluation() {
    }

    /**
     * One face's verdict.
     *
     * <p>Thread-safety: immutable.
     *
     * @param face              the labelled face
     * @param predicted         the classifier's label (UNKNOWN: abstained)
     * @param probabilityFemale the classifier's probability that the face is a woman, or NaN if it gives none
     */
    public record Verdict(LabelledFace face, Gender predicted, double probabilityFemale) {
    }

    /** The age band of a whole number of years, e.g. {@code 20-39}. */
    public static String ageBand(int years) {
        for (int i = AGE_BAND_STARTS.length - 1; i >= 0; i--) {
            if (years >= AGE_BAND_STARTS[i]) {
                return AGE_BAND_NAMES[i];
            }
        }
        return AGE_BAND_NAMES[0];
    }

    /** Correct labels out of decided faces (abstentions left out): the {@code accuracy} figure. */
    public static Proportion accuracy(List<Verdict> verdicts) {
        long decided = 0;
        long correct = 0;
        for (Verdict v : verdicts) {
            if (v.predicted() != Gender.UNKNOWN) {
                decided++;
                correct += v.predicted() == v.face().gender() ? 1 : 0;
            }
        }
        return new Proportion(correct, decided);
    }

    /** A proportion on one line: {@code 0.912 [0.893, 0.928] (883/968)} (Wilson 95 %). */
    public static String format(Proportion p) {
        if (p.trials() == 0) {
            return "- (0/0)";
        }
        Proportion.Interval ci = p.wilson95();
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] (%d/%d)", p.estimate(), ci.low(), ci.high(),
                p.successes(), p.trials());
    }

    /**
     * Computes every figure.
     *
     * @param classifier   the classifier's name, for the {@code classifier} field
     * @param verdicts     one per face
     * @param groupColumns the extra label columns to break accuracy down by
     */
    public static ObjectNode evaluate(String classifier, List<Verdict> verdicts, List<String> groupColumns) {
        if (verdicts.isEmpty()) {
            throw new FaceCensusException("Nothing to evaluate: no labelled faces could be classified.");
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("classifier", classifier);
        root.put("faces", verdicts.size());
        Map<Gender, Map<Gender, Integer>> confusion = new LinkedHashMap<>();
        for (Gender t : List.of(Gender.FEMALE, Gender.MALE)) {
            Map<Gender, Integer> row = new LinkedHashMap<>();
            for (Gender p : List.of(Gender.FEMALE, Gender.MALE, Gender.UNKNOWN)) {
                row.put(p, 0);
            }
            confusion.put(t, row);
        }
        for (Verdict v : verdicts) {
            confusion.get(v.face().gender()).merge(v.predicted(), 1, Integer::sum);
        }
        ObjectNode cm = root.putObject("confusion");
        for (var row : confusion.entrySet()) {
            ObjectNode r = cm.putObject(label(row.getKey()));
            row.getValue().forEach((p, n) -> r.put(label(p), n));
        }
        int decided = 0;
        int correct = 0;
        for (Verdict v : verdicts) {
            if (v.predicted() != Gender.UNKNOWN) {
                decided++;
                if (v.predicted() == v.face().gender()) {
                    correct++;
                }
            }
        }
        putProportion(root, "accuracy", correct, decided);
        putProportion(root, "accuracy_all", correct, verdicts.size());
        putProportion(root, "coverage", decided, verdicts.size());
        ObjectNode perClass = root.putObject("per_class");
        for (Gender g : List.of(Gender.FEMALE, Gender.MALE)) {
            int tp = confusion.get(g).get(g);
            int predictedAs = 0;
            for (var row : confusion.values()) {
                predictedAs += row.get(g);
            }
            int decidedTrue = confusion.get(g).get(Gender.FEMALE) + confusion.get(g).get(Gender.MALE);
            ObjectNode c = perClass.putObject(label(g));
            c.put("support", confusion.get(g).values().stream().mapToInt(Integer::intValue).sum());
            c.put("precision", predictedAs == 0 ? Double.NaN : tp / (double) predictedAs);
            c.put("recall", decidedTrue == 0 ? Double.NaN : tp / (double) decidedTrue);
            c.put("recall_all", tp / (double) Math.max(1, c.get("support").asInt()));
        }
        List<Verdict> scored = verdicts.stream().filter(v -> !Double.isNaN(v.probabilityFemale())).toList();
        if (scored.size() == verdicts.size()) {
            root.put("roc_auc", rocAuc(scored));
            root.put("ece_10_bins", ece(scored, 10));
        }
        ObjectNode groups = root.putObject("groups");
        for (String column : groupColumns) {
            boolean banded = isAgeLike(column, verdicts);
            Map<String, int[]> counts = new TreeMap<>(banded ? Comparator.comparingInt(GenderEvaluation::bandOrder)
                    : Comparator.naturalOrder());
            for (Verdict v : verdicts) {
                String value = v.face().groups().get(column);
                if (value == null) {
                    continue;
                }
                String key = banded ? ageBand((int) Math.floor(Double.parseDouble(value))) : value;
                int[] c = counts.computeIfAbsent(key, k -> new int[3]);
                c[2]++;
                if (v.predicted() != Gender.UNKNOWN) {
                    c[1]++;
                    if (v.predicted() == v.face().gender()) {
                        c[0]++;
                    }
                }
            }
            ObjectNode g = groups.putObject(column);
            g.put("banding", banded ? "age bands 0-2, 3-12, 13-19, 20-39, 40-59, 60+" : "none");
            ObjectNode values = g.putObject("values");
            counts.forEach((value, c) -> {
                ObjectNode o = values.putObject(value);
                o.put("faces", c[2]);
                putProportion(o, "accuracy", c[0], c[1]);
                putProportion(o, "coverage", c[1], c[2]);
            });
        }
        return root;
    }

    private static int bandOrder(String band) {
        for (int i = 0; i < AGE_BAND_NAMES.length; i++) {
            if (AGE_BAND_NAMES[i].equals(band)) {
                return i;
            }
        }
        return AGE_BAND_NAMES.length;
    }

    private static boolean isAgeLike(String column, List<Verdict> verdicts) {
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (Verdict v : verdicts) {
            String value = v.face().groups().get(column);
            if (value == null) {
                continue;
            }
            if (!value.matches("\\d{1,3}(\\.0+)?")) {
                return false;
            }
            distinct.add(value);
        }
        return !distinct.isEmpty() && (column.toLowerCase(Locale.ROOT).contains("age") || distinct.size() > 12);
    }

    private static void putProportion(ObjectNode node, String name, int successes, int trials) {
        ObjectNode o = node.putObject(name);
        o.put("successes", successes);
        o.put("trials", trials);
        if (trials > 0) {
            Proportion p = new Proportion(successes, trials);
            o.put("estimate", p.estimate());
            o.put("wilson95_low", p.wilson95().low());
            o.put("wilson95_high", p.wilson95().high());
        }
    }

    static String label(Gender g) {
        return g.name().toLowerCase(Locale.ROOT);
    }

    /** The probability that a random woman scores higher than a random man (ties count half). */
    static double rocAuc(List<Verdict> scored) {
        List<Verdict> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Verdict::probabilityFemale));
        double rankSumFemale = 0;
        int females = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).probabilityFemale() == sorted.get(i).probabilityFemale()) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k).face().gender() == Gender.FEMALE) {
                    rankSumFemale += rank;
                    females++;
                }
            }
            i = j;
        }
        int males = sorted.size() - females;
        if (females == 0 || males == 0) {
            return Double.NaN;
        }
        return (rankSumFemale - females * (females + 1) / 2.0) / ((double) females * males);
    }

    /**
     * Expected calibration error: faces binned by the probability of the label they were given
     * (max(p, 1-p), in [0.5, 1]: 10 equal bins of [0, 1] of which the upper 5 are used), the
     * face-weighted mean of |accuracy - mean confidence| per bin.
     */
    static double ece(List<Verdict> scored, int bins) {
        double[] conf = new double[bins];
        double[] hit = new double[bins];
        int[] n = new int[bins];
        for (Verdict v : scored) {
            double p = v.probabilityFemale();
            double c = Math.max(p, 1 - p);
            Gender label = p >= 0.5 ? Gender.FEMALE : Gender.MALE;
            int b = Math.min(bins - 1, (int) Math.floor(c * bins));
            conf[b] += c;
            hit[b] += label == v.face().gender() ? 1 : 0;
            n[b]++;
        }
        double sum = 0;
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                sum += Math.abs(hit[b] / n[b] - conf[b] / n[b]) * n[b];
            }
        }
        return sum / scored.size();
    }

    /** The figures as readable tables. */
    public static String format(ObjectNode e) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Classifier %s on %d faces%n", e.get("classifier").asText(), e.get("faces").asInt()));
        s.append(line("accuracy (decided faces)", e.get("accuracy")));
        s.append(line("accuracy (abstained = wrong)", e.get("accuracy_all")));
        s.append(line("coverage (not abstained)", e.get("coverage")));
        if (e.has("roc_auc")) {
            s.append(String.format(Locale.ROOT, "  %-30s %.4f%n", "ROC-AUC", e.get("roc_auc").asDouble()));
            s.append(String.format(Locale.ROOT, "  %-30s %.4f%n", "calibration error (ECE, 10 bins)", e.get("ece_10_bins").asDouble()));
        }
        s.append(String.format(Locale.ROOT, "%nConfusion (rows: true, columns: predicted)%n  %-8s %8s %8s %8s%n", "", "female", "male", "unknown"));
        e.get("confusion").fields().forEachRemaining(r -> s.append(String.format(Locale.ROOT, "  %-8s %8d %8d %8d%n", r.getKey(),
                r.getValue().get("female").asInt(), r.getValue().get("male").asInt(), r.getValue().get("unknown").asInt())));
        s.append(String.format(Locale.ROOT, "%n  %-8s %9s %9s %9s%n", "class", "precision", "recall", "support"));
        e.get("per_class").fields().forEachRemaining(c -> s.append(String.format(Locale.ROOT, "  %-8s %9.4f %9.4f %9d%n",
                c.getKey(), c.getValue().get("precision").asDouble(), c.getValue().get("recall").asDouble(),
                c.getValue().get("support").asInt())));
        e.get("groups").fields().forEachRemaining(g -> {
            s.append(String.format(Locale.ROOT, "%nAccuracy by %s%s%n  %-16s %6s %9s  %-17s %9s%n", g.getKey(),
                    g.getValue().get("banding").asText().equals("none") ? "" : " (" + g.getValue().get("banding").asText() + ")",
                    "value", "faces", "accuracy", "95% (Wilson)", "coverage"));
            g.getValue().get("values").fields().forEachRemaining(v -> {
                var acc = v.getValue().get("accuracy");
                s.append(String.format(Locale.ROOT, "  %-16s %6d %9s  %-17s %9.4f%n", v.getKey(), v.getValue().get("faces").asInt(),
                        acc.has("estimate") ? String.format(Locale.ROOT, "%.4f", acc.get("estimate").asDouble()) : "-",
                        acc.has("estimate") ? String.format(Locale.ROOT, "[%.3f, %.3f]", acc.get("wilson95_low").asDouble(),
                                acc.get("wilson95_high").asDouble()) : "",
                        v.getValue().get("coverage").path("estimate").asDouble(0)));
            });
        });
        return s.toString();
    }

    private static String line(String name, com.fasterxml.jackson.databind.JsonNode p) {
        if (!p.has("estimate")) {
            return String.format(Locale.ROOT, "  %-30s -%n", name);
        }
        return String.format(Locale.ROOT, "  %-30s %.4f  [%.4f, %.4f]  (%d/%d)%n", name, p.get("estimate").asDouble(),
                p.get("wilson95_low").asDouble(), p.get("wilson95_high").asDouble(), p.get("successes").asInt(),
                p.get("trials").asInt());
    }
}
