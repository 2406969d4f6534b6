package org.facecensus.census.stats;

import java.nio.file.Path;

/**
 * A gender classifier's measured error rates, read from the evaluation file that
 * {@code facecensus gender evaluate --json FILE} writes, for the Rogan–Gladen correction. "Positive"
 * is FEMALE: sensitivity = P(predicted female | female), specificity = P(predicted male | male), both
 * over decided predictions only (abstentions excluded, as the census shares are).
 *
 * <p>Evaluation file schema (the part read here): {@code {"classifier": "...", "confusion": {"female":
 * {"female": n, "male": n, "unknown": n}, "male": {"female": n, "male": n, "unknown": n}}}}: rows are
 * the true label, columns the prediction.
 *
 * <p>Thread-safety: immutable.
 */
public record ClassifierErrorRates(String classifier, long femaleAsFemale, long femaleAsMale, long maleAsMale,
                                   long maleAsFemale, String source) {

    /** Reads an evaluation file; errors name the file and the missing field. */
    public static ClassifierErrorRates read(Path evaluationJson) {
        throw new UnsupportedOperationException("TODO (census stats)");
    }
}
