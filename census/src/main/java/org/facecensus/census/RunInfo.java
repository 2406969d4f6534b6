package org.facecensus.census;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.facecensus.model.ModelInfo;

/**
 * How a census run was made, printed in every output so results can be traced and repeated.
 *
 * <p>Thread-safety: immutable.
 *
 * @param collection     the collection folder as given
 * @param metadataFile   the metadata file as given, or empty
 * @param detector       detector provider name
 * @param aligner        aligner provider name
 * @param classifier     gender classifier name (a provider name, or a trained head's name)
 * @param evaluationFile the classifier's evaluation file used for error-rate correction, or empty
 * @param models         every model used, with version and sha256
 * @param threads        worker threads
 * @param items          items analysed in this run (resumed items excluded)
 * @param elapsedSeconds wall time of this run
 * @param verifier       the face verifier's name, or empty when none ran
 * @param facesFrom      the earlier census whose face boxes were re-used instead of detecting, or empty
 * @param skippedFiles   files in the collection folder that were not analysed, counted by "{@code .ext (reason)}"
 *                       (see {@link org.facecensus.census.collection.CollectionIndex#skippedFiles()})
 * @param pagesNotAnalysed later pages of multi-page TIFFs not analysed (the run had no {@code --all-pages})
 */
public record RunInfo(String collection, String metadataFile, String detector, String aligner, String classifier,
                      String evaluationFile, List<ModelInfo> models, int threads, long items, double elapsedSeconds,
                      String verifier, String facesFrom, Map<String, Integer> skippedFiles, long pagesNotAnalysed) {
    public RunInfo {
        metadataFile = metadataFile == null ? "" : metadataFile;
        evaluationFile = evaluationFile == null ? "" : evaluationFile;
        models = models == null ? List.of() : List.copyOf(models);
        verifier = verifier == null ? "" : verifier;
        facesFrom = facesFrom == null ? "" : facesFrom;
        skippedFiles = skippedFiles == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(skippedFiles));
    }

    /** A run that skipped no file. */
    public RunInfo(String collection, String metadataFile, String detector, String aligner, String classifier,
                   String evaluationFile, List<ModelInfo> models, int threads, long items, double elapsedSeconds,
                   String verifier, String facesFrom) {
        this(collection, metadataFile, detector, aligner, classifier, evaluationFile, models, threads, items,
                elapsedSeconds, verifier, facesFrom, Map.of(), 0);
    }

    /** A run without a verifier that detected its own faces. */
    public RunInfo(String collection, String metadataFile, String detector, String aligner, String classifier,
                   String evaluationFile, List<ModelInfo> models, int threads, long items, double elapsedSeconds) {
        this(collection, metadataFile, detector, aligner, classifier, evaluationFile, models, threads, items,
                elapsedSeconds, "", "");
    }

    /** The same run with its final wall time. */
    public RunInfo withElapsed(double seconds) {
        return new RunInfo(collection, metadataFile, detector, aligner, classifier, evaluationFile, models, threads,
                items, seconds, verifier, facesFrom, skippedFiles, pagesNotAnalysed);
    }

    /** Files not analysed, in all. */
    public int skippedCount() {
        return skippedFiles.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The skipped files in one line, most frequent reason first: "3 .heic (unsupported format: HEIF), 2 .txt (not
     * an image)"; "none" when nothing was skipped.
     */
    public String skippedSummary() {
        if (skippedFiles.isEmpty()) {
            return "none";
        }
        return skippedFiles.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
