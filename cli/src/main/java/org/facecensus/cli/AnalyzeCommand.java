package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensusException;
import org.facecensus.census.Census;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.collection.CatalogueOptions;
import org.facecensus.census.collection.ColumnMap;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.census.collection.web.WebSource;
import org.facecensus.census.engine.AnalyzerRecipe;
import org.facecensus.census.engine.CensusEngines;
import org.facecensus.census.engine.CensusJob;
import org.facecensus.census.run.CensusResult;
import org.facecensus.census.run.RunListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus analyze}: a whole collection through detect → align → classify, joined with its
 * catalogue, into faces.csv/jsonl, items.csv, crops/, census.sqlite, stats.json, report.html and
 * run.json. Resumable: run the same command again after an interruption.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Census of a collection: faces, perceived gender and composition per item, joined with "
                + "the catalogue, with statistics and a report.",
                "Interrupted runs resume when started again with the same arguments."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COLLECTION", arity = "0..*", description = "Folder of images, searched recursively; images are told by "
            + "their content (JPEG, PNG, GIF, BMP, TIFF, WebP, JPEG 2000). Other files are skipped and counted by reason "
            + "in the summary, run.json and the report. Or one or more IIIF Presentation 2.1/3.0 manifests or "
            + "collections: iiif:URL or iiif:FILE. Or none, with --urls.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--urls", paramLabel = "FILE",
            description = "A URL list instead of a folder: CSV, JSON Lines or .xlsx with a 'url' column plus any catalogue"
                    + " fields (id, title, date, designer, tags, description; other columns are kept).")
    Path urls;

    @Option(names = "--image-size", paramLabel = "PX|full", defaultValue = "2000",
            description = "IIIF images are fetched with their longer side at most PX pixels (default ${DEFAULT-VALUE}: "
                    + "full/!2000,2000/0/default.jpg), or at full size.")
    String imageSize;

    @Mixin
    WebMixin web;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = CensusEngines.LOCAL,
            description = "Where the census runs: this machine's threads (default), or Apache Spark (needs the "
                    + "census-spark module; the ./facecensus launcher adds it for --engine spark).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: local[2], spark://host:7077, yarn, k8s://https://host:443 "
                    + "(default: what spark-submit set, else local[*]).")
    String master;

    @Option(names = "--items-per-partition", paramLabel = "N",
            description = "Items per Spark partition, the unit a re-run skips when finished (default "
                    + CensusJob.DEFAULT_ITEMS_PER_PARTITION + ").")
    Integer itemsPerPartition;

    @Option(names = "--all-pages",
            description = "Analyse every page of a multi-page TIFF as its own item (page 1 keeps the file's item id, "
                    + "page k is <id>#pk). Default: the first page only; the others are counted in run.json.")
    boolean allPages;

    @Option(names = "--metadata", paramLabel = "FILE",
            description = "Catalogue as CSV (header row), JSON Lines or .xlsx (first sheet), keyed by id or file: title,"
                    + " date, designer (or artist), tags, description; other columns are kept.")
    Path metadata;

    @Option(names = "--metadata-encoding", paramLabel = "NAME",
            description = "The catalogue's text encoding (UTF-8, windows-1252, ISO-8859-1, UTF-16, ...). Default: "
                    + "detected: a byte-order mark, else UTF-8 if the file is valid UTF-8, else windows-1252.")
    String metadataEncoding;

    @Option(names = "--metadata-delimiter", paramLabel = "C",
            description = "The CSV catalogue's field separator: one character (quote it: ';'), or tab, comma, "
                    + "semicolon, pipe. Default: detected among , ; tab | from the header and first rows.")
    String metadataDelimiter;

    @Option(names = "--columns", paramLabel = "FIELD=HEADER,...",
            description = "Which catalogue column holds each field, e.g. id=\"Object number\",date=\"Date made\","
                    + "tags=Keywords. Fields: id, file, title, date, designer, tags, description.")
    String columns;

    @Option(names = "--columns-file", paramLabel = "MAP.properties",
            description = "As --columns, from a UTF-8 properties file with one 'field = header' a line.")
    Path columnsFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Mixin
    DetectorMixin detector;

    @Mixin
    PipelineMixin stages = PipelineMixin.forClassifying();

    @Mixin
    ClassifierMixin classifier = ClassifierMixin.defaultingTo(Census.DEFAULT_CLASSIFIER);

    @Mixin
    ThreadsMixin threads;

    @Option(names = "--evaluation", paramLabel = "EVAL.json",
            description = "The classifier's evaluation ('facecensus gender evaluate --json'), to correct shares for its errors.")
    Path evaluation;

    @Option(names = "--compare", paramLabel = "'A vs B'",
            description = "Compare two subsets of items (repeatable), e.g. 'tag:Muralism vs tag:Constructivism', "
                    + "'decade:1930s vs decade:1950s', 'folder:posters vs folder:photos'; subsets: "
                    + org.facecensus.census.stats.ItemSubset.KINDS + ". Default: the two largest tags, and the first "
                    + "and last decade with --min-tag-items items.")
    java.util.List<String> compare;

    @Option(names = "--min-tag-items", paramLabel = "N", defaultValue = "10",
            description = "A tag gets its own statistics row from N items on (default ${DEFAULT-VALUE}).")
    int minTagItems;

    @Mixin
    VerifierMixin verifier;

    @Option(names = "--faces-from", paramLabel = "CENSUS_DIR",
            description = "Re-use the face boxes of an earlier census of this collection instead of detecting (to"
                    + " re-classify it with a new classifier or verifier); images it lacks are detected as usual.")
    Path facesFrom;

    @Mixin
    DeviceMixin device;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        int threadCount = threads.threads();
        if (minTagItems < 1) {
            throw new ParameterException(spec.commandLine(), "--min-tag-items must be at least 1");
        }
        String verifierFile = verifier.file();
        if (metadata == null && (metadataEncoding != null || metadataDelimiter != null || columns != null
                || columnsFile != null)) {
            throw new ParameterException(spec.commandLine(), "--metadata-encoding, --metadata-delimiter, --columns and "
                    + "--columns-file describe the catalogue: give it with --metadata FILE");
        }
        if (columns != null && columnsFile != null) {
            throw new ParameterException(spec.commandLine(), "give the column map once: --columns or --columns-file");
        }
        // Read now, so that a bad encoding name or map is a usage error reported before any model loads.
        CatalogueOptions catalogue = metadata == null ? null : catalogueOptions();
        Census run = census(source()).web(webOptions()).out(out).threads(threadCount).minTagItems(minTagItems)
                .allPages(allPages).listener(new ProgressListener(stderr));
        if (facesFrom != null) {
            run.facesFrom(facesFrom);
        }
        if (metadata != null) {
            run.catalogue(metadata, catalogue);
        }
        if (evaluation != null) {
            run.evaluation(evaluation);
        }
        if (compare != null) {
            run.compare(compare.stream().map(org.facecensus.census.stats.SubsetPair::parse).toList());
        }
        AnalyzerRecipe recipe = new AnalyzerRecipe(detector.name() == null ? Census.DEFAULT_DETECTOR : detector.name(),
                stages.landmarks(), stages.aligner(), classifier.spec(), detector.minFace, detector.minScore,
                device.device == null ? null : device.device, verifierFile, verifier.threshold());
        CensusResult result;
        if (CensusEngines.LOCAL.equals(engine)) {
            if (master != null || itemsPerPartition != null) {
                throw new ParameterException(spec.commandLine(), "--master and --items-per-partition are for "
                        + "--engine spark");
            }
            // the detector's provider options (--blazeface-input) travel on the builder
            result = run.analyzer(detector.applyTo(recipe.builder())).run();
        } else {
            if (detector.blazeFaceInput != null) {
                throw new ParameterException(spec.commandLine(), "--blazeface-input is not passed to Spark executors "
                        + "yet; leave it out (executors use the default, levels) or run with the local engine");
            }
            result = CensusEngines.find(engine).run(new CensusJob(run.settings(), recipe, run.summariser(), master,
                    itemsPerPartition == null ? CensusJob.DEFAULT_ITEMS_PER_PARTITION : itemsPerPartition));
        }
        printSummary(stdout, result);
        return 0;
    }

    /** The collection: a folder, IIIF sources, or a URL list; exactly one kind. */
    private Object source() {
        boolean iiif = !sources.isEmpty() && WebSource.isIiif(sources.get(0));
        if (urls != null) {
            if (!sources.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give the collection once: a folder, iiif: sources, "
                        + "or --urls FILE (not both --urls and " + sources.get(0) + ")");
            }
            if (metadata != null) {
                throw new ParameterException(spec.commandLine(), "a URL list is its own catalogue: put the catalogue "
                        + "fields in its columns instead of --metadata");
            }
            return WebSource.urlList(urls);
        }
        if (sources.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no collection: give a folder, iiif:URL (or iiif:FILE), "
                    + "or --urls FILE");
        }
        if (iiif) {
            if (metadata != null) {
                throw new ParameterException(spec.commandLine(), "IIIF manifests carry their own catalogue fields; "
                        + "leave out --metadata");
            }
            try {
                return WebSource.iiif(sources);
            } catch (FaceCensusException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        if (sources.size() > 1) {
            throw new ParameterException(spec.commandLine(), "one folder per census (got " + sources.size()
                    + "); several sources must all be iiif:URL or iiif:FILE");
        }
        return Path.of(sources.get(0));
    }

    private static Census census(Object source) {
        return source instanceof WebSource web ? Census.of(web) : Census.of((Path) source);
    }

    private WebOptions webOptions() {
        int size;
        if (imageSize.equalsIgnoreCase("full")) {
            size = 0;
        } else {
            try {
                size = Integer.parseInt(imageSize.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1) {
                throw new ParameterException(spec.commandLine(), "--image-size takes a number of pixels (e.g. 2000) "
                        + "or 'full', got '" + imageSize + "'");
            }
        }
        return web.options(spec).withMaxSide(size);
    }

    /** The catalogue options as typed values; a bad name or map is a usage error naming what is wrong. */
    private CatalogueOptions catalogueOptions() {
        try {
            CatalogueOptions options = CatalogueOptions.DETECT;
            if (metadataEncoding != null) {
                options = options.withEncoding(CatalogueOptions.encodingNamed(metadataEncoding));
            }
            if (metadataDelimiter != null) {
                options = options.withDelimiter(CatalogueOptions.delimiterNamed(metadataDelimiter));
            }
            if (columns != null) {
                options = options.withColumns(ColumnMap.parse(columns));
            } else if (columnsFile != null) {
                options = options.withColumns(ColumnMap.read(columnsFile));
            }
            return options;
        } catch (FaceCensusException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static void printSummary(PrintWriter out, CensusResult r) {
        out.printf(Locale.ROOT, "%d images: %d analysed now, %d from an earlier run, %d could not be read (see items.csv)%n",
                r.images(), r.run().items(), r.resumed(), r.failedImages());
        // Nothing in the folder goes unmentioned: what was not analysed, and why.
        int skipped = r.run().skippedCount();
        out.printf(Locale.ROOT, "%s%n", skipped == 0 ? "no files skipped: every file in the collection folder is an item"
                : "skipped " + skipped + " file" + (skipped == 1 ? "" : "s") + " (not analysed): " + r.run().skippedSummary());
        if (r.run().pagesNotAnalysed() > 0) {
            out.printf(Locale.ROOT, "%d later page%s of multi-page TIFFs not analysed (only first pages; --all-pages "
                    + "analyses each page)%n", r.run().pagesNotAnalysed(), r.run().pagesNotAnalysed() == 1 ? "" : "s");
        }
        long rejected = r.items().stream().mapToLong(i -> i.rejectedFaces()).sum();
        if (!r.run().verifier().isEmpty()) {
            out.printf(Locale.ROOT, "face verifier %s rejected %d detection%s as not faces (not counted below)%n",
                    r.run().verifier(), rejected, rejected == 1 ? "" : "s");
        }
        out.printf(Locale.ROOT, "%d faces; %d images without catalogue record, %d catalogue rows without image, "
                + "%d unreadable catalogue rows%n", r.faces(), r.imagesWithoutMetadata(), r.metadataWithoutImage(),
                r.metadataRowErrors());
        if (!r.unreadDates().isEmpty()) {
            out.println("dates not read (left undated): " + String.join(" | ", r.unreadDates()));
        }
        for (String warning : r.warnings()) {
            out.println("warning: " + warning);
        }
        out.printf(Locale.ROOT, "%.1f s (%.2f images/s analysed)%n", r.run().elapsedSeconds(),
                r.run().items() / Math.max(r.run().elapsedSeconds(), 1e-9));
        Path dir = r.outDir();
        out.println("Items:  " + dir.resolve("items.csv"));
        out.println("Faces:  " + dir.resolve("faces.csv") + " (and faces.jsonl, crops/)");
        out.println("SQL:    " + dir.resolve("census.sqlite"));
        if (r.warnings().isEmpty()) {
            out.println("Report: " + dir.resolve("report.html") + " (statistics: stats.json)");
        }
        out.flush();
    }

    /**
     * The progress bar when stderr is a terminal; otherwise a log line every 30 seconds, so that
     * batch logs show the run is alive without filling up.
     */
    private static final class ProgressListener implements RunListener {
        private final PrintWriter err;
        private final boolean terminal = Boolean.getBoolean("facecensus.progress");
        private Progress bar;
        private int total;
        private int done;
        private int failed;
        private long started;
        private long lastLine;

        ProgressListener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(int images, int alreadyDone) {
            total = images - alreadyDone;
            started = System.nanoTime();
            lastLine = started;
            bar = terminal ? new Progress(System.err, total) : null;
        }

        @Override
        public synchronized void itemDone(ItemRecord item) {
            done++;
            failed += item.failed() ? 1 : 0;
            if (bar != null) {
                bar.step(!item.failed());
                return;
            }
            long now = System.nanoTime();
            if (now - lastLine > 30_000_000_000L) {
                lastLine = now;
                double rate = done / ((now - started) / 1e9);
                err.printf(Locale.ROOT, "facecensus: %d/%d images, %.2f images/s, ETA %d s, %d failed%n", done, total,
                        rate, Math.round((total - done) / Math.max(rate, 1e-9)), failed);
                err.flush();
            }
        }
    }
}
