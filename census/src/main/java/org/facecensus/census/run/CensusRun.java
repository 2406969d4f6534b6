package org.facecensus.census.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.collection.CatalogDates;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.collection.MetadataFile;
import org.facecensus.census.collection.MetadataRowError;
import org.facecensus.census.collection.SourceError;
import org.facecensus.census.collection.web.WebImages;
import org.facecensus.http.HttpFetcher;
import org.facecensus.census.store.CensusDatabase;
import org.facecensus.image.ImageLoader;
import org.facecensus.model.ModelInfo;
import org.facecensus.analysis.FaceAnalyzer;

/**
 * A whole collection analysed: every image through a {@link FaceAnalyzer} in parallel, joined to
 * its catalogue record, written as faces.csv, faces.jsonl, items.csv, crops/, census.sqlite,
 * then summarised ({@link Summariser}) and described in run.json.
 *
 * <p>Memory stays flat however large the collection: at most twice the thread count of images are
 * decoded at once, and finished items are kept as small records. The run is resumable: each finished
 * item is appended to {@code journal.jsonl} (after its crops are in place, forced to disk), so a run
 * killed at any point and started again with the same settings analyses only what is missing and
 * writes the same bytes as an uninterrupted run. Starting it with other settings is refused.
 * Bad images and broken catalogue rows become per-item errors; the run goes on.
 *
 * <p>Start one with {@link org.facecensus.census.Census}, which resolves every setting once.
 *
 * <p>Thread-safety: one {@link #run()} at a time per instance; runs on different output folders
 * may proceed in parallel.
 */
public final class CensusRun {
    /** Problem code of a catalogue row that matched no image. */
    public static final String NO_IMAGE = "NO_IMAGE";
    /** Problem code of a catalogue row that could not be read. */
    public static final String BAD_METADATA_ROW = "BAD_METADATA_ROW";
    /** Problem code of an image on which detection itself failed. */
    public static final String DETECTION_FAILED = "DETECTION_FAILED";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CensusRun.class);

    private final CensusSettings settings;
    private final FaceAnalyzer analyzer;
    private final Summariser summariser;
    private final RunListener listener;
    private final ImageLoader loader = ImageLoader.defaults();
    /** The earlier census's finished items by id, when its faces are re-used; set once by {@link #run()}. */
    private volatile Map<String, Journal.Entry> earlierFaces = Map.of();
    /** Fetches web items' images; set once by {@link #run()} for a web source. */
    private volatile WebImages webImages;

    /** A run with {@code analyzer}, which the caller keeps ownership of. */
    public CensusRun(CensusSettings settings, FaceAnalyzer analyzer, Summariser summariser, RunListener listener) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.analyzer = java.util.Objects.requireNonNull(analyzer, "analyzer");
        this.summariser = java.util.Objects.requireNonNull(summariser, "summariser");
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    public CensusResult run() {
        if (settings.web() == null) {
            return run(null);
        }
        try (HttpFetcher http = settings.webOptions().newFetcher()) {
            return run(http);
        }
    }

    /**
     * The collection's items: the folder scanned and joined to its catalogue, or the web source read (manifests
     * fetched through {@code http}, which may be null for a folder).
     */
    public static CollectionIndex index(CensusSettings settings, HttpFetcher http) {
        if (settings.web() != null) {
            return settings.web().index(http, settings.webOptions());
        }
        MetadataFile metadata = settings.metadata() == null ? null : MetadataFile.read(settings.metadata(), settings.catalogue());
        return CollectionIndex.scan(settings.collection(), metadata, settings.outDir(), settings.allPages());
    }

    private CensusResult run(HttpFetcher http) {
        long start = System.nanoTime();
        CollectionIndex collection = index(settings, http);
        webImages = http == null ? null : new WebImages(http, loader);
        Path outDir = settings.outDir();
        Path crops = outDir.resolve("crops");
        try {
            Files.createDirectories(crops);
        } catch (IOException e) {
            throw new FaceCensusException("cannot create output folder " + crops + ": " + e.getMessage(), e);
        }
        OutputFiles.removeLeftovers(outDir);
        OutputFiles.removeLeftovers(crops);
        double scanSeconds = seconds(start);

        long analyseStart = System.nanoTime();
        int analysedNow;
        List<ModelInfo> detectionModels;
        Map<String, Journal.Entry> done;
        Map<String, String> fingerprint = settings.fingerprint(analyzer);
        earlierFaces = settings.facesFrom() == null ? Map.of() : Journal.readFinished(settings.facesFrom());
        try (Journal journal = Journal.open(outDir.resolve("journal.jsonl"), resumeKey(fingerprint, analyzer))) {
            List<CollectionItem> pending = collection.items().stream()
                    .filter(i -> !isDone(journal, i)).toList();
            int resumedCount = collection.items().size() - pending.size();
            listener.started(collection.items().size(), resumedCount);
            if (resumedCount > 0) {
                LOG.info("resuming: {} of {} images were analysed by an earlier run", resumedCount,
                        collection.items().size());
            }
            analyseAll(journal, pending, crops);
            analysedNow = pending.size();
            detectionModels = analyzer.detectionModels();
            done = new LinkedHashMap<>(journal.entries());
        }
        listener.analysed();
        double analyseSeconds = seconds(analyseStart);
        Map<String, AnalysedItem> finished = new LinkedHashMap<>();
        done.forEach((id, e) -> finished.put(id, new AnalysedItem(e.item(), e.models())));
        return finish(collection, finished, analysedNow, detectionModels, fingerprint, start, scanSeconds,
                analyseSeconds);
    }

    /**
     * Writes every output of a census whose items are all analysed: faces.csv/jsonl, items.csv (with the catalogue
     * rows without image, the unreadable rows and the web source's errors), census.sqlite, the summary
     * (stats.json, report.html) and run.json. A census engine calls it on its driver with what its workers returned.
     *
     * @param collection      the collection's index
     * @param done            every item of {@code collection.items()}, analysed, by item id
     * @param analysedNow     how many of them this run analysed (the others were resumed)
     * @param detectionModels the detector's models
     * @param fingerprint     the run's settings ({@link CensusSettings#fingerprint})
     * @param start           {@link System#nanoTime()} when the run started
     * @param scanSeconds     time spent indexing
     * @param analyseSeconds  time spent analysing
     */
    public CensusResult finish(CollectionIndex collection, Map<String, AnalysedItem> done, int analysedNow,
                               List<ModelInfo> detectionModels, Map<String, String> fingerprint, long start,
                               double scanSeconds, double analyseSeconds) {
        Path outDir = settings.outDir();
        long writeStart = System.nanoTime();
        List<ItemRecord> items = new ArrayList<>();
        TreeMap<String, ModelInfo> models = new TreeMap<>();
        detectionModels.forEach(m -> models.put(m.name(), m));
        int failed = 0;
        int withoutMetadata = 0;
        for (CollectionItem c : collection.items()) {
            AnalysedItem entry = done.get(c.itemId());
            if (entry == null) {
                throw new FaceCensusException("item " + c.itemId() + " was not analysed; run the same command again "
                        + "to analyse what is missing");
            }
            entry.models().forEach(m -> models.putIfAbsent(m.name(), m));
            ItemRecord r = entry.item();
            items.add(r.withMetadata(c.itemId(), c.metadata()));
            failed += r.failed() ? 1 : 0;
            withoutMetadata += c.metadata() == null ? 1 : 0;
        }
        Set<String> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.itemId()));
        for (ItemMetadata m : collection.unmatched()) {
            items.add(new ItemRecord(unique(m.id(), ids), "", m, List.of(),
                    "no image in the collection matches this catalogue row (by id or file name)", NO_IMAGE));
        }
        String catalogueName = settings.metadata() != null ? settings.metadata().getFileName().toString()
                : settings.collectionName();
        for (MetadataRowError e : collection.rowErrors()) {
            items.add(new ItemRecord(unique("metadata-line-" + e.line(), ids), "", null, List.of(),
                    "catalogue row at line " + e.line() + " of " + catalogueName + ": " + e.message(), BAD_METADATA_ROW));
        }
        for (SourceError e : collection.sourceErrors()) {
            items.add(new ItemRecord(unique(e.itemId(), ids), e.file(), e.metadata(), List.of(), e.message(),
                    e.problem()));
        }
        items.sort(Comparator.comparing(ItemRecord::itemId));
        List<ModelInfo> modelList = List.copyOf(models.values());
        String modelNames = String.join(";", models.keySet());
        OutputFiles.writeFaces(outDir, items, modelNames);
        OutputFiles.writeItems(outDir, items);
        CensusDatabase.write(outDir.resolve("census.sqlite"), items, modelList, fingerprint);
        double writeSeconds = seconds(writeStart);

        RunInfo info = new RunInfo(settings.collectionName(),
                settings.metadata() == null ? "" : settings.metadata().toString(), analyzer.detectorName(),
                analyzer.alignerName().orElse(CensusSettings.NONE), analyzer.classifierName().orElse(CensusSettings.NONE),
                settings.evaluation() == null ? "" : settings.evaluation().toString(), modelList, settings.threads(),
                analysedNow, seconds(start), analyzer.verifierName().orElse(""),
                settings.facesFrom() == null ? "" : settings.facesFrom().toString(), collection.skippedFiles(),
                collection.pagesNotAnalysed());
        long summaryStart = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        summariser.summarise(outDir, items, info);
        double summarySeconds = seconds(summaryStart);
        info = info.withElapsed(seconds(start));
        List<String> unreadDates = collection.items().stream().map(CollectionItem::metadata)
                .filter(m -> m != null && !m.date().parsed() && !CatalogDates.statesNoDate(m.date().raw()))
                .map(m -> m.date().raw()).distinct().sorted().toList();
        CensusResult result = new CensusResult(outDir, info, items, collection.items().size(),
                collection.items().size() - analysedNow, failed, withoutMetadata, collection.unmatched().size(),
                collection.rowErrors().size(), unreadDates, warnings);
        writeRunJson(result, fingerprint, scanSeconds, analyseSeconds, writeSeconds, summarySeconds);
        return result;
    }

    /** In the journal, for the same file (an item id that now names another file is analysed again). */
    private static boolean isDone(Journal journal, CollectionItem item) {
        Journal.Entry entry = journal.entries().get(item.itemId());
        return entry != null && entry.item().file().equals(item.file());
    }

    private void analyseAll(Journal journal, List<CollectionItem> pending, Path crops) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, AnalysedItem> earlier = new LinkedHashMap<>();
        earlierFaces.forEach((id, e) -> earlier.put(id, new AnalysedItem(e.item(), e.models())));
        ItemAnalyser analyser = new ItemAnalyser(analyzer, loader, webImages, crops, earlier);
        int threads = settings.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "facecensus-census");
            t.setDaemon(true);
            return t;
        });
        // Permits bound the images in flight (decoded or queued), so memory does not grow with the collection.
        Semaphore inFlight = new Semaphore(2 * threads);
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        try {
            for (CollectionItem item : pending) {
                inFlight.acquire();
                if (fatal.get() != null) {
                    inFlight.release();
                    break;
                }
                pool.execute(() -> {
                    try {
                        AnalysedItem analysed = analyser.analyse(item);
                        journal.append(analysed.item(), analysed.models());
                        listener.itemDone(analysed.item());
                    } catch (Throwable t) {
                        fatal.compareAndSet(null, t);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            inFlight.acquire(2 * threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceCensusException("census run interrupted; run the same command again to resume", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable t = fatal.get();
        if (t instanceof FaceCensusException e) {
            throw new FaceCensusException(e.getMessage() + " (finished images are kept: run the same command again "
                    + "to resume)", e);
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new FaceCensusException("census run failed: " + t, t);
        }
    }

    /**
     * What a resumed run must share with the interrupted one: the settings, and every model's sha256,
     * so that a head file retrained under the same name never mixes its labels with the old head's.
     */
    private static Map<String, String> resumeKey(Map<String, String> fingerprint, FaceAnalyzer analyzer) {
        Map<String, String> key = new LinkedHashMap<>(fingerprint);
        key.put("models", analyzer.models().stream().map(m -> m.name() + " sha256 " + m.sha256()).sorted()
                .collect(java.util.stream.Collectors.joining("; ")));
        return key;
    }

    private void writeRunJson(CensusResult result, Map<String, String> fingerprint, double scan, double analyse, double write, double summary) {
        ObjectNode run = OutputFiles.JSON.valueToTree(result.run());
        run.put("imagesInCollection", result.images());
        run.put("resumedImages", result.resumed());
        run.put("failedImages", result.failedImages());
        run.put("faces", result.faces());
        run.put("facesRejectedByVerifier", result.items().stream().mapToLong(ItemRecord::rejectedFaces).sum());
        run.put("imagesWithoutMetadata", result.imagesWithoutMetadata());
        run.put("metadataWithoutImage", result.metadataWithoutImage());
        run.put("metadataRowErrors", result.metadataRowErrors());
        run.set("unreadDates", OutputFiles.JSON.valueToTree(result.unreadDates()));
        run.set("warnings", OutputFiles.JSON.valueToTree(result.warnings()));
        run.set("settings", OutputFiles.JSON.valueToTree(fingerprint));
        ObjectNode timings = run.putObject("timingsSeconds");
        timings.put("scan", OutputFiles.round(scan, 3));
        timings.put("analyse", OutputFiles.round(analyse, 3));
        timings.put("write", OutputFiles.round(write, 3));
        timings.put("summarise", OutputFiles.round(summary, 3));
        timings.put("imagesPerSecond", result.run().items() == 0 ? 0
                : OutputFiles.round(result.run().items() / Math.max(analyse, 1e-9), 3));
        run.put("finishedAt", java.time.Instant.now().toString());
        OutputFiles.writeAtomically(result.outDir().resolve("run.json"), OutputFiles.prettyJson(run));
    }

    /** {@code id}, or {@code id#2}, {@code id#3}... when an image already has it. */
    private static String unique(String id, Set<String> taken) {
        String candidate = id;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = id + "#" + n;
        }
        return candidate;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
