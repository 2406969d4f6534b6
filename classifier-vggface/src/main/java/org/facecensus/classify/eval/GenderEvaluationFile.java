package org.facecensus.classify.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.facecensus.FaceCensusException;

/**
 * An evaluation file, as {@code facecensus gender evaluate --json FILE} writes it ({@link
 * GenderEvaluation#evaluate} and the data it was measured on), read back as far as other tools use
 * it: the classifier's name, the confusion matrix and the evaluation data. Every other field of the
 * file is ignored, so the file format stays what {@link GenderEvaluation} makes it.
 *
 * <p>The part read: {@code {"classifier": "...", "confusion": {"female": {"female": n, "male": n,
 * "unknown": n}, "male": {...}}, "data": {"folder": "...", "split": "..."}}}. Confusion rows are the
 * true label, columns the prediction; counts are whole numbers >= 0. The {@code unknown} column
 * (abstentions) is optional, and {@code data} may be missing or a line of free text.
 *
 * <p>Thread-safety: immutable.
 *
 * @param classifier the classifier's name, not blank
 * @param confusion  the confusion matrix
 * @param data       what the classifier was measured on; empty fields where the file does not say
 */
public record GenderEvaluationFile(String classifier, Confusion confusion, EvaluatedData data) {
    /**
     * Strict about types (a count written as text or with a fraction is an error, not a guess) and
     * lenient about the fields this record does not read.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public GenderEvaluationFile {
        data = data == null ? EvaluatedData.UNSTATED : data;
    }

    /**
     * The confusion matrix.
     *
     * <p>Thread-safety: immutable.
     *
     * @param female the predictions for faces labelled female, null where the file lacks the row
     * @param male   the predictions for faces labelled male, null where the file lacks the row
     */
    public record Confusion(Predictions female, Predictions male) {
    }

    /**
     * One row of the confusion matrix: how often each label was predicted.
     *
     * <p>Thread-safety: immutable.
     *
     * @param female  predicted female, null where the file lacks the count
     * @param male    predicted male, null where the file lacks the count
     * @param unknown abstentions, null where the file lacks the count (it is optional)
     */
    public record Predictions(Long female, Long male, Long unknown) {
    }

    /**
     * What the classifier was measured on.
     *
     * <p>Thread-safety: immutable.
     *
     * @param folder the labelled faces' folder, empty where unknown
     * @param split  the split of it, empty where unknown
     */
    public record EvaluatedData(String folder, String split) {
        static final EvaluatedData UNSTATED = new EvaluatedData("", "");

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public EvaluatedData {
            folder = folder == null ? "" : folder;
            split = split == null ? "" : split;
        }

        /** Older and hand-written files describe their data in a line of text: no folder, no split. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static EvaluatedData describedInText(String description) {
            return UNSTATED;
        }
    }

    /**
     * Reads an evaluation file and checks that every field read is there: errors name the file and
     * the field, and say how to write a good file.
     */
    public static GenderEvaluationFile read(Path file) {
        GenderEvaluationFile evaluation;
        try (InputStream in = Files.newInputStream(file)) {
            evaluation = JSON.readValue(in, GenderEvaluationFile.class);
        } catch (NoSuchFileException e) {
            throw new FaceCensusException("Evaluation file " + file + " does not exist; write one with "
                    + "'facecensus gender evaluate --json " + file + "' or leave out the evaluation file "
                    + "to report uncorrected shares");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw invalid(file, "is not a JSON object");
            }
            throw invalid(file, "has " + path(e) + " of the wrong type (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("Evaluation file " + file + " is not valid JSON ("
                    + e.getOriginalMessage() + "); write it again with 'facecensus gender evaluate --json FILE'", e);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read evaluation file " + file + ": " + e.getMessage(), e);
        }
        if (evaluation == null) {
            throw invalid(file, "is not a JSON object");
        }
        if (evaluation.classifier() == null || evaluation.classifier().isBlank()) {
            throw invalid(file, "lacks the text field \"classifier\"");
        }
        if (evaluation.confusion() == null) {
            throw invalid(file, "lacks the object \"confusion\" (rows: true label, columns: prediction)");
        }
        checkRow(file, "female", evaluation.confusion().female());
        checkRow(file, "male", evaluation.confusion().male());
        return evaluation;
    }

    private static void checkRow(Path file, String truth, Predictions row) {
        if (row == null) {
            throw invalid(file, "lacks the row confusion." + truth + " (an object of prediction counts)");
        }
        checkCount(file, truth, "female", row.female(), true);
        checkCount(file, truth, "male", row.male(), true);
        checkCount(file, truth, "unknown", row.unknown(), false);
    }

    private static void checkCount(Path file, String truth, String predicted, Long count, boolean required) {
        if (count == null && required) {
            throw invalid(file, "lacks the count confusion." + truth + "." + predicted);
        }
        if (count != null && count < 0) {
            throw invalid(file, "has confusion." + truth + "." + predicted + " = " + count + "; expected a count >= 0");
        }
    }

    /** The JSON path of the field Jackson could not read, as {@code confusion.female.male}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /**
     * The error for an evaluation file that cannot be used.
     *
     * @param what what is wrong, completing "Evaluation file FILE ..."
     */
    public static FaceCensusException invalid(Path file, String what) {
        return new FaceCensusException("Evaluation file " + file + " " + what + "; write it with "
                + "'facecensus gender evaluate --json FILE' or add the field by hand");
    }
}
