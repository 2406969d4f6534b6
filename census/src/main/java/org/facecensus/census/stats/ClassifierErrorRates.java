package org.facecensus.census.stats;

import java.nio.file.Path;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.eval.GenderEvaluationFile;

/**
 * A gender classifier's measured error rates, read from the evaluation file that
 * {@code facecensus gender evaluate --json FILE} writes, for the Rogan–Gladen correction. "Positive"
 * is FEMALE: sensitivity = P(predicted female | female), specificity = P(predicted male | male), both
 * over decided predictions only (abstentions excluded, as the census shares are).
 *
 * <p>The evaluation file is read as a {@link GenderEvaluationFile} (its schema is there): the
 * classifier's name, the confusion matrix (abstentions do not enter the rates) and what it was
 * measured on.
 *
 * <p>Thread-safety: immutable.
 *
 * @param classifier    the classifier's name as the evaluation file gives it
 * @param femaleAsFemale women predicted female
 * @param femaleAsMale   women predicted male
 * @param maleAsMale     men predicted male
 * @param maleAsFemale   men predicted female
 * @param source         where the counts came from (the file, as given), for the report
 */
public record ClassifierErrorRates(String classifier, long femaleAsFemale, long femaleAsMale, long maleAsMale,
                                   long maleAsFemale, String source) {

    public ClassifierErrorRates {
        classifier = classifier == null ? "" : classifier;
        source = source == null ? "" : source;
        if (femaleAsFemale < 0 || femaleAsMale < 0 || maleAsMale < 0 || maleAsFemale < 0) {
            throw new IllegalArgumentException("confusion counts must be >= 0: " + femaleAsFemale + ", "
                    + femaleAsMale + ", " + maleAsMale + ", " + maleAsFemale);
        }
    }

    /**
     * What the evaluation was measured on, as {@code facecensus gender evaluate} records it, so the
     * report can say whether those were photographs or works like the collection's.
     */
    private static String measuredOn(GenderEvaluationFile.EvaluatedData data) {
        if (data.folder().isBlank()) {
            return "";
        }
        return " (measured on " + data.folder() + (data.split().isBlank() ? "" : ", split " + data.split()) + ")";
    }

    /** Reads an evaluation file ({@link GenderEvaluationFile}); errors name the file and the missing field. */
    public static ClassifierErrorRates read(Path evaluationJson) {
        GenderEvaluationFile evaluation = GenderEvaluationFile.read(evaluationJson);
        GenderEvaluationFile.Predictions women = evaluation.confusion().female();
        GenderEvaluationFile.Predictions men = evaluation.confusion().male();
        long ff = women.female();
        long fm = women.male();
        long mm = men.male();
        long mf = men.female();
        if (ff + fm == 0 || mm + mf == 0) {
            throw GenderEvaluationFile.invalid(evaluationJson, "has no decided prediction for true "
                    + (ff + fm == 0 ? "women" : "men")
                    + ", so the classifier's error on them is unknown; evaluate it on data with both genders");
        }
        ClassifierErrorRates rates = new ClassifierErrorRates(evaluation.classifier(), ff, fm, mm, mf,
                evaluationJson + measuredOn(evaluation.data()));
        if (!(rates.youden() > 0)) {
            throw new FaceCensusException("Evaluation file " + evaluationJson + ": sensitivity "
                    + rates.sensitivity() + " + specificity " + rates.specificity() + " <= 1, the classifier "
                    + rates.classifier + " is no better than chance and its labels cannot be corrected; "
                    + "use another classifier");
        }
        return rates;
    }

    /** Women with a decided prediction. */
    public long decidedWomen() {
        return femaleAsFemale + femaleAsMale;
    }

    /** Men with a decided prediction. */
    public long decidedMen() {
        return maleAsMale + maleAsFemale;
    }

    /** P(predicted female | female), over decided predictions; NaN when there were none. */
    public double sensitivity() {
        return decidedWomen() == 0 ? Double.NaN : (double) femaleAsFemale / decidedWomen();
    }

    /** P(predicted male | male), over decided predictions; NaN when there were none. */
    public double specificity() {
        return decidedMen() == 0 ? Double.NaN : (double) maleAsMale / decidedMen();
    }

    /** Share of decided predictions that were right. */
    public double accuracy() {
        long decided = decidedWomen() + decidedMen();
        return decided == 0 ? Double.NaN : (double) (femaleAsFemale + maleAsMale) / decided;
    }

    /** Youden's J = sensitivity + specificity − 1: how far above chance the classifier is. */
    public double youden() {
        return sensitivity() + specificity() - 1;
    }
}
