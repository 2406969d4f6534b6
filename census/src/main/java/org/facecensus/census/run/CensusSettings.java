package org.facecensus.census.run;

import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.collection.CatalogueOptions;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.census.collection.web.WebSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a census run was asked to do, besides its analyzer; made by {@link org.facecensus.census.Census}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param collection  the folder of images, or null for a collection read from the web ({@code web})
 * @param metadata    the catalogue file (CSV or JSON Lines), or null
 * @param outDir      where every output goes
 * @param evaluation  the classifier's evaluation file for the error-rate correction, or null
 * @param minTagItems a tag gets its own statistics row only with at least this many items
 * @param threads     images analysed in parallel
 * @param facesFrom   an earlier census whose journal gives each image's face boxes (no detection runs for the
 *                    images it holds: re-classifying with another classifier or verifier), or null
 * @param catalogue   how to read the catalogue (encoding, delimiter, column map); {@link CatalogueOptions#DETECT}
 *                    when null
 * @param allPages    every page of a multi-page TIFF is an item ({@code <id>#p2}, ...), not just the first
 * @param web         a URL list or IIIF manifests instead of a folder, or null
 * @param webOptions  image size and HTTP settings for {@code web}; {@link WebOptions#defaults()} when null
 */
public record CensusSettings(Path collection, Path metadata, Path outDir, Path evaluation, int minTagItems,
                             int threads, Path facesFrom, CatalogueOptions catalogue, boolean allPages,
                             WebSource web, WebOptions webOptions) {
    /** How a stage that is switched off is written in the fingerprint and run.json. */
    public static final String NONE = "none";

    public CensusSettings {
        if ((collection == null) == (web == null)) {
            throw new IllegalArgumentException("a census reads one collection: a folder or a web source");
        }
        collection = collection == null ? null : collection.toAbsolutePath().normalize();
        webOptions = webOptions == null ? WebOptions.defaults() : webOptions;
        metadata = metadata == null ? null : metadata.toAbsolutePath().normalize();
        outDir = outDir.toAbsolutePath().normalize();
        evaluation = evaluation == null ? null : evaluation.toAbsolutePath().normalize();
        facesFrom = facesFrom == null ? null : facesFrom.toAbsolutePath().normalize();
        catalogue = catalogue == null ? CatalogueOptions.DETECT : catalogue;
        if (facesFrom != null && facesFrom.equals(outDir)) {
            throw new IllegalArgumentException("the census to take faces from must not be the output folder " + outDir
                    + "; give a new --out folder, so the earlier census stays as it is");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (minTagItems < 1) {
            throw new IllegalArgumentException("min-tag-items must be at least 1, got " + minTagItems);
        }
    }

    /** Settings for a folder. */
    public CensusSettings(Path collection, Path metadata, Path outDir, Path evaluation, int minTagItems, int threads,
                          Path facesFrom, CatalogueOptions catalogue, boolean allPages) {
        this(collection, metadata, outDir, evaluation, minTagItems, threads, facesFrom, catalogue, allPages, null, null);
    }

    /** The folder, or the web source's name ({@code iiif:...}, {@code urls:...}), as run.json and the report say it. */
    public String collectionName() {
        return web != null ? web.name() : collection.toString();
    }

    /** Settings that analyse the first page of each multi-page TIFF only. */
    public CensusSettings(Path collection, Path metadata, Path outDir, Path evaluation, int minTagItems, int threads,
                          Path facesFrom, CatalogueOptions catalogue) {
        this(collection, metadata, outDir, evaluation, minTagItems, threads, facesFrom, catalogue, false);
    }

    /** Settings whose catalogue is read with {@link CatalogueOptions#DETECT}. */
    public CensusSettings(Path collection, Path metadata, Path outDir, Path evaluation, int minTagItems, int threads,
                          Path facesFrom) {
        this(collection, metadata, outDir, evaluation, minTagItems, threads, facesFrom, CatalogueOptions.DETECT);
    }

    /** Settings without an earlier census's faces. */
    public CensusSettings(Path collection, Path metadata, Path outDir, Path evaluation, int minTagItems, int threads) {
        this(collection, metadata, outDir, evaluation, minTagItems, threads, null);
    }

    /**
     * The settings that a resumed run must share with the interrupted one, as option name → value, with the
     * names of {@code analyzer}'s components. Threads are not among them: they change speed, not results.
     */
    public Map<String, String> fingerprint(FaceAnalyzer analyzer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("collection", collectionName());
        if (web != null) {
            // the image size changes the pixels every face is found in
            f.put("--image-size", webOptions.maxSide() == 0 ? "full" : Integer.toString(webOptions.maxSide()));
        }
        f.put("--metadata", metadata == null ? "" : metadata.toString());
        // Only when set, as --min-face: older runs' fingerprints stay valid. The column map decides item ids.
        catalogue.encodingIfSet().ifPresent(c -> f.put("--metadata-encoding", c.name()));
        catalogue.delimiterIfSet().ifPresent(c -> f.put("--metadata-delimiter", c == '\t' ? "tab" : c.toString()));
        if (!catalogue.columns().isEmpty()) {
            f.put("--columns", catalogue.columns().toString());
        }
        f.put("--detector", analyzer.detectorName());
        // Only when given, so that the fingerprint of runs without them stays as it was.
        analyzer.detectorOptions().minFaceSize().ifPresent(px -> f.put("--min-face", Double.toString(px)));
        analyzer.detectorOptions().minScore().ifPresent(score -> f.put("--min-score", Double.toString(score)));
        f.put("--landmarks", analyzer.landmarksName().orElse(NONE));
        f.put("--aligner", analyzer.alignerName().orElse(NONE));
        f.put("--classifier", analyzer.classifierName().orElse(NONE));
        // Only when given, as --min-face: older runs' fingerprints stay valid.
        analyzer.verifierName().ifPresent(v -> f.put("--verifier", v));
        if (facesFrom != null) {
            f.put("--faces-from", facesFrom.toString());
        }
        // Only when set, as --min-face: it changes which items there are.
        if (allPages) {
            f.put("--all-pages", "true");
        }
        f.put("--evaluation", evaluation == null ? "" : evaluation.toString());
        f.put("--min-tag-items", Integer.toString(minTagItems));
        return f;
    }
}
