package org.facecensus.textminer;

import org.facecensus.text.Mention;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of mined mentions against hand-checked ones. A predicted mention matches an
 * unmatched expected one of the same record with the same gender and sentence and the same term
 * (exact), or the same last word of the term (head: "driver" matches "tractor driver", for the study
 * mode, whose rule keeps only the last noun).
 */
final class Evaluation {
    final int truePositives;
    final int falsePositives;
    final int falseNegatives;
    final List<String> errors = new ArrayList<>();
    /** Matched pairs whose predicted phrase does not contain the expected phrase. */
    final List<String> phraseMismatches = new ArrayList<>();

    private Evaluation(int tp, int fp, int fn) {
        this.truePositives = tp;
        this.falsePositives = fp;
        this.falseNegatives = fn;
    }

    static Evaluation of(Map<String, List<Mention>> predicted, Map<String, PosterNotes.Checked> expected, boolean headOnly) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> errors = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (Map.Entry<String, List<Mention>> e : predicted.entrySet()) {
            PosterNotes.Checked checked = expected.get(e.getKey());
            List<PosterNotes.Expected> open = checked == null ? new ArrayList<>() : new ArrayList<>(checked.mentions());
            for (Mention m : e.getValue()) {
                PosterNotes.Expected match = null;
                for (PosterNotes.Expected x : open) {
                    if (x.gender() == m.gender() && x.sentence() == m.sentence() && termsMatch(x.term(), m.term(), headOnly)) {
                        match = x;
                        break;
                    }
                }
                if (match == null) {
                    fp++;
                    errors.add("FP " + e.getKey() + " " + m);
                } else {
                    tp++;
                    open.remove(match);
                    if (!m.phrase().contains(match.phrase())) {
                        phrases.add(e.getKey() + ": expected a phrase containing '" + match.phrase() + "', got '" + m.phrase() + "'");
                    }
                }
            }
            for (PosterNotes.Expected x : open) {
                fn++;
                errors.add("FN " + e.getKey() + " " + x);
            }
        }
        Evaluation result = new Evaluation(tp, fp, fn);
        result.errors.addAll(errors);
        result.phraseMismatches.addAll(phrases);
        return result;
    }

    private static boolean termsMatch(String expected, String actual, boolean headOnly) {
        if (!headOnly) {
            return expected.equals(actual);
        }
        return head(expected).equals(head(actual));
    }

    private static String head(String term) {
        return term.substring(term.lastIndexOf(' ') + 1);
    }

    double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 1.0 : (double) truePositives / predicted;
    }

    double recall() {
        int expected = truePositives + falseNegatives;
        return expected == 0 ? 1.0 : (double) truePositives / expected;
    }

    String summary(String label) {
        return String.format("%s: TP %d, FP %d, FN %d, precision %.3f, recall %.3f", label, truePositives,
                falsePositives, falseNegatives, precision(), recall());
    }
}
