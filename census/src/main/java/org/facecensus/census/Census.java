package org.facecensus.census;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.collection.CatalogueOptions;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.census.collection.web.WebSource;
import org.facecensus.census.run.CensusResult;
import org.facecensus.census.run.CensusRun;
import org.facecensus.census.run.CensusSettings;
import org.facecensus.census.run.RunListener;
import org.facecensus.census.run.StatisticsSummariser;
import org.facecensus.census.run.Summariser;
import org.facecensus.census.stats.ClassifierErrorRates;
import org.facecensus.census.stats.StatsOptions;
import org.facecensus.text.DescriptionMiner;

/**
 * A census of one collection, each setting given once:
 * <pre>{@code
 * CensusResult result = Census.of(posters).catalogue(catalogue).out(outDir).run();
 * }</pre>
 * Every image under the folder goes through a {@link FaceAnalyzer} (by default {@value #DEFAULT_DETECTOR},
 * {@value #DEFAULT_LANDMARKS}, {@value FaceAnalyzer#DEFAULT_ALIGNER}, {@value #DEFAULT_CLASSIFIER}), is joined to
 * its catalogue record, and is written to faces.csv/jsonl, items.csv, crops/, census.sqlite, stats.json,
 * report.html and run.json. The run is parallel, keeps memory flat and resumes after an interruption (see
 * {@link CensusRun}).
 *
 * <p>Thread-safety: not thread-safe while being configured; {@link #run()} may be called again (it resumes
 * or re-writes the outputs), one call at a time.
 */
public final class Census {
    /** The census's detector: fewest false faces in artworks and photos (README's People-Art table). */
    public static final String DEFAULT_DETECTOR = "blazeface";
    /** The 68 points that {@value #DEFAULT_CLASSIFIER} cuts its crop from (MIT licence). */
    public static final String DEFAULT_LANDMARKS = "landmark68-net";
    /** The census's gender classifier: face-api's age/gender net (photo-trained, MIT licence). */
    public static final String DEFAULT_CLASSIFIER = "faceapi-agegender";
    /** A tag gets its own statistics row from this many items on. */
    public static final int DEFAULT_MIN_TAG_ITEMS = 10;

    private final Path collection;
    private final WebSource web;
    private WebOptions webOptions = WebOptions.defaults();
    private Path catalogue;
    private CatalogueOptions catalogueOptions = CatalogueOptions.DETECT;
    private Path out;
    private FaceAnalyzer.Builder analyzerBuilder;
    private FaceAnalyzer analyzer;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Path evaluation;
    private Path facesFrom;
    private int minTagItems = DEFAULT_MIN_TAG_ITEMS;
    private boolean allPages;
    private DescriptionMiner miner;
    private boolean minerChosen;
    private RunListener listener = RunListener.NONE;
    private Summariser summariser;
    private java.util.List<org.facecensus.census.stats.SubsetPair> comparisons;

    private Census(Path collection, WebSource web) {
        this.collection = collection;
        this.web = web;
    }

    /**
     * A census of the images under {@code collection}, searched recursively and told by content; other files are
     * skipped and counted by reason ({@link org.facecensus.census.RunInfo#skippedFiles()}).
     */
    public static Census of(Path collection) {
        return new Census(Objects.requireNonNull(collection, "collection"), null);
    }

    /**
     * A census of a collection on the web: a URL list ({@link WebSource#urlList}) or IIIF manifests and collections
     * ({@link WebSource#iiif}). Each image is fetched when it is analysed; one that cannot be fetched or decoded is an
     * item with its error ({@code HTTP_NOT_FOUND}, {@code HTTP_WRONG_CONTENT_TYPE}, {@code HTTP_TRUNCATED}, ...).
     */
    public static Census of(WebSource source) {
        return new Census(null, Objects.requireNonNull(source, "source"));
    }

    /** Image size and HTTP settings for a web collection (default {@link WebOptions#defaults()}). */
    public Census web(WebOptions options) {
        this.webOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** The settings {@link #run()} would use, resolved (an engine other than the built-in one starts from them). */
    public CensusSettings settings() {
        if (out == null) {
            throw new org.facecensus.FaceCensusException("No output folder: call out(folder) before run().");
        }
        return new CensusSettings(collection, catalogue, out, evaluation, minTagItems, threads, facesFrom,
                catalogueOptions, allPages, web, webOptions);
    }

    /** The last step as {@link #run()} would make it (stats.json, report.html). */
    public Summariser summariser() {
        return summariser != null ? summariser : new StatisticsSummariser(statsOptions());
    }

    /**
     * The analyzer the census uses by default: {@value #DEFAULT_DETECTOR}, {@value #DEFAULT_LANDMARKS},
     * {@value FaceAnalyzer#DEFAULT_ALIGNER}, {@value #DEFAULT_CLASSIFIER}, from {@code census}'s providers.
     */
    public static FaceAnalyzer.Builder defaultAnalyzer(FaceCensus census) {
        return census.analyzer().detector(DEFAULT_DETECTOR).landmarks(DEFAULT_LANDMARKS)
                .aligner(FaceAnalyzer.DEFAULT_ALIGNER).classifier(DEFAULT_CLASSIFIER);
    }

    /**
     * The catalogue: CSV with a header row, JSON Lines or {@code .xlsx}, one record per item, keyed by {@code id}
     * or {@code file}; its encoding and delimiter are detected. Optional; images without a record are analysed
     * and marked uncatalogued.
     */
    public Census catalogue(Path file) {
        return catalogue(file, CatalogueOptions.DETECT);
    }

    /**
     * The catalogue, read with {@code options}: a set encoding or delimiter instead of the detected ones, a
     * {@link org.facecensus.census.collection.ColumnMap} for headers that are not the field names, e.g.
     * {@code CatalogueOptions.DETECT.withColumns(ColumnMap.parse("id=\"Object number\",date=\"Date made\""))}.
     * Also reads {@code .xlsx} (first sheet). See {@link org.facecensus.census.collection.MetadataFile}.
     */
    public Census catalogue(Path file, CatalogueOptions options) {
        this.catalogue = Objects.requireNonNull(file, "file");
        this.catalogueOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /** Where every output goes (required). */
    public Census out(Path folder) {
        this.out = Objects.requireNonNull(folder, "folder");
        return this;
    }

    /** The components, built by the census when it runs and closed when it ends. */
    public Census analyzer(FaceAnalyzer.Builder builder) {
        this.analyzerBuilder = Objects.requireNonNull(builder, "builder");
        this.analyzer = null;
        return this;
    }

    /** An analyzer the caller built and keeps ownership of (the census does not close it). */
    public Census analyzer(FaceAnalyzer instance) {
        this.analyzer = Objects.requireNonNull(instance, "analyzer");
        this.analyzerBuilder = null;
        return this;
    }

    /** Images analysed in parallel (default: the number of processors). It may change between resumed runs. */
    public Census threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    /**
     * The classifier's evaluation file ({@code facecensus gender evaluate --json}); its error rates correct the
     * shares of women (Rogan–Gladen), and its data set is named in the report. Read once, when the census runs.
     */
    public Census evaluation(Path evaluationJson) {
        this.evaluation = Objects.requireNonNull(evaluationJson, "evaluationJson");
        return this;
    }

    /**
     * Re-use the faces of an earlier census of the same collection: each image it finished keeps its boxes and
     * is not detected again; landmarks, alignment, the verifier and the classifier run anew. This is how a
     * census is re-classified with a head trained on its own labels. The earlier folder is only read.
     */
    public Census facesFrom(Path earlierCensus) {
        this.facesFrom = Objects.requireNonNull(earlierCensus, "earlierCensus");
        return this;
    }

    /**
     * Whether each page of a multi-page TIFF is its own item (page 1 under the file's id, page k under
     * {@code <id>#pk}); by default only the first page is analysed and the others are counted in run.json.
     */
    public Census allPages(boolean everyPage) {
        this.allPages = everyPage;
        return this;
    }

    /** A tag gets its own statistics row only with at least this many items (default {@value #DEFAULT_MIN_TAG_ITEMS}). */
    /**
     * Compares these subsets in {@code stats.json} and the report (e.g.
     * {@code SubsetPair.parse("tag:Muralism vs tag:Constructivism")}), instead of the automatic
     * comparisons (the two largest tags, the first and last decade with enough items). Given once.
     */
    public Census compare(java.util.List<org.facecensus.census.stats.SubsetPair> pairs) {
        if (this.comparisons != null) {
            throw new org.facecensus.FaceCensusException("compare(...) was already given; give every comparison in one call");
        }
        this.comparisons = java.util.List.copyOf(pairs);
        return this;
    }

    public Census minTagItems(int items) {
        if (items < 1) {
            throw new IllegalArgumentException("min-tag-items must be at least 1, got " + items);
        }
        this.minTagItems = items;
        return this;
    }

    /**
     * The miner run over item descriptions (default: the highest-priority one on the classpath, if any;
     * null: none).
     */
    public Census descriptionMiner(DescriptionMiner descriptionMiner) {
        this.miner = descriptionMiner;
        this.minerChosen = true;
        return this;
    }

    /** Hears progress (images started, each item done). */
    public Census listener(RunListener runListener) {
        this.listener = Objects.requireNonNull(runListener, "listener");
        return this;
    }

    /**
     * Replaces the last step (by default {@code stats.json} and {@code report.html} from the evaluation, tag
     * threshold and description miner given here) with another.
     */
    public Census summariser(Summariser custom) {
        this.summariser = Objects.requireNonNull(custom, "summariser");
        return this;
    }

    /**
     * Runs (or resumes) the census.
     *
     * @throws org.facecensus.FaceCensusException when the run cannot go on (a missing model, an unwritable
     *                                            output folder, settings that differ from an interrupted run's)
     */
    public CensusResult run() {
        CensusSettings settings = settings();
        Summariser last = summariser();
        if (analyzer != null) {
            return new CensusRun(settings, analyzer, last, listener).run();
        }
        FaceAnalyzer.Builder builder = analyzerBuilder != null ? analyzerBuilder : defaultAnalyzer(FaceCensus.defaults());
        try (FaceAnalyzer built = builder.build()) {
            return new CensusRun(settings, built, last, listener).run();
        }
    }

    private StatsOptions statsOptions() {
        ClassifierErrorRates rates = evaluation == null ? null : ClassifierErrorRates.read(evaluation);
        DescriptionMiner chosen = minerChosen ? miner : defaultMiner().orElse(null);
        StatsOptions defaults = StatsOptions.defaults();
        return new StatsOptions(minTagItems, rates, defaults.bootstrapSamples(), defaults.seed(), chosen, comparisons);
    }

    private static Optional<DescriptionMiner> defaultMiner() {
        FaceCensus census = FaceCensus.defaults();
        return census.descriptionMiners().all().isEmpty() ? Optional.empty()
                : Optional.of(census.createDescriptionMiner(null));
    }
}
