package org.facecensus.census.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.facecensus.FaceCensusException;

/**
 * A gender classifier's measured error rates, read from the evaluation file that
 * {@code facecensus gender evaluate --json FILE} writes, for the Rogan–Gladen correction. "Positive"
 * is FEMALE: sensitivity = P(predicted female | female), specificity = P(predicted male | male), both
 * over decided predictions only (abstentions excluded, as the census shares are).
 *
 * <p>Evaluation file schema (the part read here): {@code {"classifier": "...", "confusion": {"female":
 * {"female": n, "male": n, "unknown": n}, "male": {"female": n, "male": n, "unknown": n}}}}: rows are
 * the true label, columns the prediction. The {@code unknown} column is optional here (abstentions do
 * not enter the rates); every other field of the file is ignored.
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
    private static String measuredOn(JsonNode data) {
        String folder = data.path("folder").asText("");
        if (folder.isBlank()) {
            return "";
        }
        String split = data.path("split").asText("");
        return " (measured on " + folder + (split.isBlank() ? "" : ", split " + split) + ")";
    }

    /** Reads an evaluation file; errors name the file and the missing field. */
    public static ClassifierErrorRates read(Path evaluationJson) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(evaluationJson));
        } catch (NoSuchFileException e) {
            throw new FaceCensusException("Evaluation file " + evaluationJson + " does not exist; write one with "
                    + "'facecensus gender evaluate --json " + evaluationJson + "' or leave out the evaluation file "
                    + "to report uncorrected shares");
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("Evaluation file " + evaluationJson + " is not valid JSON ("
                    + e.getOriginalMessage() + "); write it again with 'facecensus gender evaluate --json FILE'", e);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read evaluation file " + evaluationJson + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw broken(evaluationJson, "is not a JSON object");
        }
        JsonNode name = root.get("classifier");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw broken(evaluationJson, "lacks the text field \"classifier\"");
        }
        JsonNode confusion = root.get("confusion");
        if (confusion == null || !confusion.isObject()) {
            throw broken(evaluationJson, "lacks the object \"confusion\" (rows: true label, columns: prediction)");
        }
        long ff = count(evaluationJson, confusion, "female", "female");
        long fm = count(evaluationJson, confusion, "female", "male");
        long mm = count(evaluationJson, confusion, "male", "male");
        long mf = count(evaluationJson, confusion, "male", "female");
        if (ff + fm == 0 || mm + mf == 0) {
            throw broken(evaluationJson, "has no decided prediction for true " + (ff + fm == 0 ? "women" : "men")
                    + ", so the classifier's error on them is unknown; evaluate it on data with both genders");
        }
        ClassifierErrorRates rates = new ClassifierErrorRates(name.asText(), ff, fm, mm, mf,
                evaluationJson + measuredOn(root.path("data")));
        if (!(rates.youden() > 0)) {
            throw new FaceCensusException("Evaluation file " + evaluationJson + ": sensitivity "
                    + rates.sensitivity() + " + specificity " + rates.specificity() + " <= 1, the classifier "
                    + rates.classifier + " is no better than chance and its labels cannot be corrected; "
                    + "use another classifier");
        }
        return rates;
    }

    private static long count(Path file, JsonNode confusion, String truth, String predicted) {
        JsonNode row = confusion.get(truth);
        if (row == null || !row.isObject()) {
            throw broken(file, "lacks the row confusion." + truth + " (an object of prediction counts)");
        }
        JsonNode cell = row.get(predicted);
        if (cell == null) {
            throw broken(file, "lacks the count confusion." + truth + "." + predicted);
        }
        if (!cell.isNumber() || !cell.canConvertToExactIntegral() || cell.asLong() < 0) {
            throw broken(file, "has confusion." + truth + "." + predicted + " = " + cell + "; expected a count >= 0");
        }
        return cell.asLong();
    }

    private static FaceCensusException broken(Path file, String what) {
        return new FaceCensusException("Evaluation file " + file + " " + what + "; write it with "
                + "'facecensus gender evaluate --json FILE' or add the field by hand");
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
