package org.facecensus.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalysis;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.classify.ensemble.EnsembleGenderClassifier;
import org.facecensus.classify.spec.GenderClassifierSpec;
import org.facecensus.dataset.internal.BuildJournal;
import org.facecensus.dataset.internal.Deduplicator;
import org.facecensus.dataset.internal.ItemResult;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.dataset.quality.PerceptualHash;
import org.facecensus.dataset.quality.Sharpness;
import org.facecensus.dataset.source.DownloadException;
import org.facecensus.dataset.source.FaceSource;
import org.facecensus.dataset.source.SourceItem;
import org.facecensus.detect.FaceBox;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.PngWriter;
import org.facecensus.image.RgbImage;
import org.facecensus.io.AtomicFiles;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.model.ModelMissingException;
import org.facecensus.io.Sha256;
import org.facecensus.classify.EmbeddingVectors;

/**
 * Builds a face dataset, what {@code facecensus dataset build} runs: every image of the sources is detected and
 * aligned eyes-level; each face is checked in {@link DropReason} order (tiny, not aligned, blurred, the gender
 * filter), written at {@code size}×{@code size} when it passes, and finally the repeats among all passing faces are
 * dropped ({@link Deduplicator}). {@code DIR/manifest.csv} gets one row per face, kept or dropped with its reason,
 * and one row per file that gave no face; {@code DIR/faces/} holds the kept faces and the dropped repeats (their rows
 * name the kept face they repeat); {@code DIR/summary.json} the
 * counts, settings and models with their sha256s.
 *
 * <p><b>Resuming.</b> Each finished item is recorded in {@code DIR/journal.jsonl} (see {@link BuildJournal}); the
 * same command after a crash or kill -9 skips them. Settings that change what is kept are part of the journal's
 * header, and a run with other settings is refused rather than mixed in.
 *
 * <p>Thread-safety: a built {@code DatasetBuild} is immutable; {@link #run()} may be called once at a time per
 * output folder (a second concurrent run is refused by the journal's lock).
 */
public final class DatasetBuild {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatasetBuild.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The default embedder for the near-duplicate check: HSE FaceRes' 1024 pooled features: other people score 0.3-0.6, a re-encoded copy above 0.97. */
    public static final String DEFAULT_EMBEDDER = "faceres-features";

    private final List<FaceSource> sources;
    private final Path out;
    private final int size;
    private final Keep keep;
    private final FaceCensus census;
    private final FaceAnalyzer.Builder analyzer;
    private final String classifier;
    private final String embedder;
    private final double minFace;
    private final double minSharpness;
    private final int duplicateBits;
    private final double nearDuplicateCosine;
    private final int threads;

    private DatasetBuild(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.out = b.out;
        this.size = b.size;
        this.keep = b.keep;
        this.census = b.census;
        this.analyzer = b.analyzer;
        this.classifier = b.classifier;
        this.embedder = b.embedder;
        this.minFace = b.minFace;
        this.minSharpness = b.minSharpness;
        this.duplicateBits = b.duplicateBits;
        this.nearDuplicateCosine = b.nearDuplicateCosine;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings that decide each image's rows: the journal's header, so a resumed run cannot mix in other ones. The
     * duplicate thresholds are not among them: duplicates are decided afresh from the journal at the end of every run,
     * so changing them re-decides in seconds without analysing an image again.
     */
    Map<String, String> itemSettings(FaceAnalyzer built) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("sources", String.join(" ", sources.stream().map(FaceSource::describe).toList()));
        s.put("size", Integer.toString(size));
        s.put("keep", keep.name().toLowerCase(Locale.ROOT));
        s.put("detector", built.detectorName());
        s.put("landmarks", built.landmarksName().orElse("none"));
        s.put("aligner", built.alignerName().orElse("none"));
        s.put("classifier", classifier == null ? "none" : classifier);
        s.put("embedder", embedder == null ? "none" : embedder);
        s.put("minFace", Double.toString(minFace));
        s.put("minSharpness", Double.toString(minSharpness));
        return s;
    }

    /** Every setting, for summary.json. */
    Map<String, String> settings(FaceAnalyzer built) {
        Map<String, String> s = itemSettings(built);
        s.put("duplicateBits", Integer.toString(duplicateBits));
        s.put("nearDuplicateCosine", Double.toString(nearDuplicateCosine));
        return s;
    }

    /**
     * Runs (or resumes) the build.
     *
     * @throws FaceCensusException when a model is missing or damaged, or the output folder cannot be written;
     *                             a bad image is never an exception, it is a {@link DropReason#BAD_FILE} row
     */
    public BuildResult run() {
        long start = System.nanoTime();
        Path faces = out.resolve("faces");
        try {
            Files.createDirectories(faces);
            AtomicFiles.removeLeftovers(faces);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot create " + faces + ": " + e.getMessage() + "; choose another --out.", e);
        }
        List<SourceItem> items = new ArrayList<>();
        for (FaceSource source : sources) {
            items.addAll(source.items());
        }
        try (FaceAnalyzer built = analyzer.noClassifier().build();
             GenderClassifier gender = classifier == null ? null : GenderClassifierSpec.open(classifier, census.context());
             FaceEmbedder embed = embedder == null ? null : census.createComparingEmbedder(embedder, "--embedder");
             BuildJournal journal = BuildJournal.open(out.resolve("journal.jsonl"), itemSettings(built))) {
            String models = String.join(";", List.of(built.detectorName(), built.landmarksName().orElse("none"),
                    built.alignerName().orElse("none"), gender == null ? "none" : gender.name(),
                    embed == null ? "none" : embed.name()));
            Map<String, ItemResult> done = journal.entries();
            int resumed = (int) items.stream().filter(i -> done.containsKey(i.origin())).count();
            List<SourceItem> todo = items.stream().filter(i -> !done.containsKey(i.origin())).toList();
            if (resumed > 0) {
                LOG.info("resuming: {} of {} items were finished by an earlier run", resumed, items.size());
            }
            ItemWork work = new ItemWork(built, gender, embed, faces, models);
            processAll(todo, work, journal);
            Map<String, ItemResult> all = journal.entries();
            List<ItemResult> ordered = items.stream().map(i -> all.get(i.origin())).filter(Objects::nonNull).toList();
            List<ManifestRow> rows = deduplicate(ordered);
            Path manifest = out.resolve(Manifest.FILE);
            Manifest.write(manifest, rows);
            Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
            for (DropReason r : DropReason.values()) {
                dropped.put(r, 0);
            }
            int kept = 0;
            for (ManifestRow r : rows) {
                if (r.kept()) {
                    kept++;
                } else {
                    dropped.merge(DropReason.ofCode(r.reason()), 1, Integer::sum);
                }
            }
            BuildResult result = new BuildResult(items.size(), resumed, kept, dropped, manifest);
            List<ModelInfo> allModels = new ArrayList<>(built.models());
            if (gender != null) {
                allModels.addAll(gender.models());
            }
            if (embed != null) {
                allModels.addAll(embed.models());
            }
            writeSummary(result, settings(built), allModels, (System.nanoTime() - start) / 1e9);
            return result;
        }
    }

    private void processAll(List<SourceItem> todo, ItemWork work, BuildJournal journal) {
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dataset-build");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SourceItem item : todo) {
                futures.add(pool.submit(() -> {
                    journal.append(work.process(item));
                    int n = finished.incrementAndGet();
                    if (n % 100 == 0 || n == todo.size()) {
                        LOG.info("{} / {} images", n, todo.size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new FaceCensusException("dataset build failed: " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FaceCensusException("dataset build interrupted; run the same command again to resume", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The dedup verdicts applied: candidates become kept or dropped (their crops stay). */
    private List<ManifestRow> deduplicate(List<ItemResult> items) {
        List<Deduplicator.Candidate> candidates = new ArrayList<>();
        List<int[]> where = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemResult item = items.get(i);
            for (int j = 0; j < item.rows().size(); j++) {
                ManifestRow r = item.rows().get(j);
                if (ManifestRow.CANDIDATE.equals(r.status())) {
                    candidates.add(new Deduplicator.Candidate(r.crop(), r.width() * r.height(),
                            PerceptualHash.parse(r.phash()), item.embeddings().get(j)));
                    where.add(new int[] {i, j});
                }
            }
        }
        List<Deduplicator.Verdict> verdicts = Deduplicator.run(candidates, duplicateBits, nearDuplicateCosine);
        List<List<ManifestRow>> rows = new ArrayList<>();
        for (ItemResult item : items) {
            rows.add(new ArrayList<>(item.rows()));
        }
        for (int c = 0; c < candidates.size(); c++) {
            int[] at = where.get(c);
            ManifestRow r = rows.get(at[0]).get(at[1]);
            Deduplicator.Verdict v = verdicts.get(c);
            if (v.reason() == null) {
                rows.get(at[0]).set(at[1], r.withStatus(ManifestRow.KEPT, "", "", r.crop()));
            } else {
                // The crop stays: the detail names the kept face it repeats, so the pair can be looked at, and a later
                // run with other thresholds may keep it.
                rows.get(at[0]).set(at[1], r.withStatus(ManifestRow.DROPPED, v.reason().code(), v.detail(), r.crop()));
            }
        }
        return rows.stream().flatMap(List::stream).toList();
    }

    private void writeSummary(BuildResult result, Map<String, String> settings, List<ModelInfo> models, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("items", result.items());
        s.put("resumedItems", result.resumed());
        s.put("kept", result.kept());
        Map<String, Integer> dropped = new LinkedHashMap<>();
        result.dropped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> dropped.put(e.getKey().code(), e.getValue()));
        s.put("dropped", dropped);
        s.put("settings", settings);
        s.put("models", models);
        s.put("seconds", Math.round(seconds * 10) / 10.0);
        try {
            AtomicFiles.writeString(out.resolve("summary.json"), JSON.writeValueAsString(s));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write summary.json in " + out + ": " + e.getMessage(), e);
        }
    }

    /** One item: load, analyse, check each face, write the passing crops. Thread-safe: every member is. */
    private final class ItemWork {
        private final FaceAnalyzer analyzer;
        private final GenderClassifier gender;
        private final FaceEmbedder embed;
        private final Path faces;
        private final String models;
        private final ImageLoader loader = ImageLoader.defaults();

        ItemWork(FaceAnalyzer analyzer, GenderClassifier gender, FaceEmbedder embed, Path faces, String models) {
            this.analyzer = analyzer;
            this.gender = gender;
            this.embed = embed;
            this.faces = faces;
            this.models = models;
        }

        ItemResult process(SourceItem item) {
            byte[] bytes;
            String sha = "";
            RgbImage image;
            try {
                bytes = item.read();
                sha = Sha256.hex(bytes);
                image = loader.decode(bytes, item.name());
            } catch (DownloadException e) {
                return fileRow(item, sha, DropReason.NOT_DOWNLOADED, e.code() + ": " + e.getMessage());
            } catch (IOException e) {
                return fileRow(item, sha, DropReason.BAD_FILE, "UNREADABLE: " + e.getMessage());
            } catch (ImageLoadException e) {
                return fileRow(item, sha, DropReason.BAD_FILE, e.problem() + ": " + e.getMessage());
            }
            FaceAnalysis analysis;
            try {
                analysis = analyzer.analyze(image);
            } catch (ModelMissingException | ModelIntegrityException e) {
                throw e;
            } catch (FaceCensusException e) {
                return fileRow(item, sha, DropReason.BAD_FILE, "analysis failed: " + e.getMessage());
            }
            if (analysis.faces().isEmpty()) {
                return fileRow(item, sha, DropReason.NO_FACE, "");
            }
            List<AnalyzedFace> found = analysis.faces();
            List<Classified> verdicts = classify(image, found);
            List<ManifestRow> rows = new ArrayList<>();
            List<float[]> embeddings = new ArrayList<>();
            List<AlignedFace> toEmbed = new ArrayList<>();
            List<Integer> embedAt = new ArrayList<>();
            for (int j = 0; j < found.size(); j++) {
                AnalyzedFace f = found.get(j);
                FaceBox box = f.box();
                Classified v = verdicts.get(j);
                Double sharpness = null;
                String phash = "";
                DropReason reason = null;
                String detail = "";
                if (Math.min(box.width(), box.height()) < minFace) {
                    reason = DropReason.TINY;
                    detail = String.format(Locale.ROOT, "%.0fx%.0f px < %.0f", box.width(), box.height(), minFace);
                } else if (f.aligned().isEmpty()) {
                    reason = DropReason.NOT_ALIGNED;
                    detail = f.error().orElse("no aligner");
                } else {
                    RgbImage crop = f.aligned().get().crop();
                    sharpness = Sharpness.laplacianVariance(crop);
                    phash = PerceptualHash.hex(PerceptualHash.of(crop));
                    if (sharpness < minSharpness) {
                        reason = DropReason.BLURRED;
                        detail = String.format(Locale.ROOT, "sharpness %.1f < %.1f", sharpness, minSharpness);
                    } else if (v.problem != null) {
                        if (keep != Keep.ANY) {
                            reason = DropReason.UNCLASSIFIED;
                            detail = v.problem;
                        }
                    } else if (keep != Keep.ANY && v.label == Gender.UNKNOWN) {
                        reason = DropReason.GENDER_UNSURE;
                    } else if (keep != Keep.ANY && v.label != keep.gender()) {
                        reason = DropReason.OTHER_GENDER;
                        detail = v.label.name().toLowerCase(Locale.ROOT);
                    }
                }
                String cropPath = "";
                if (reason == null) {
                    cropPath = "faces/" + cropName(item, j);
                    writeCrop(out.resolve(cropPath), ImageOps.resize(f.aligned().get().crop(), size, size));
                    toEmbed.add(f.aligned().get());
                    embedAt.add(j);
                }
                rows.add(new ManifestRow(cropPath, reason == null ? ManifestRow.CANDIDATE : ManifestRow.DROPPED,
                        reason == null ? "" : reason.code(), detail, item.origin(), sha, j, box.x(), box.y(),
                        box.width(), box.height(), box.score(), v.labelText(), v.probability, v.femaleA, v.femaleB,
                        v.age, sharpness, phash, models));
                embeddings.add(null);
            }
            if (embed != null && !toEmbed.isEmpty()) {
                List<float[]> vectors = embed.embedAll(toEmbed);
                for (int k = 0; k < vectors.size(); k++) {
                    embeddings.set(embedAt.get(k), EmbeddingVectors.unit(vectors.get(k)));
                }
            }
            return new ItemResult(item.origin(), rows, embeddings);
        }

        private List<Classified> classify(RgbImage image, List<AnalyzedFace> found) {
            List<Classified> out = new ArrayList<>();
            if (gender == null) {
                found.forEach(f -> out.add(new Classified(null, null, null, null, null, null)));
                return out;
            }
            List<FaceToClassify> input = found.stream()
                    .map(f -> new FaceToClassify(image, f.located(), f.aligned())).toList();
            if (gender instanceof EnsembleGenderClassifier pair) {
                List<GenderVerdict> a = pair.first().predict(input);
                List<GenderVerdict> b = pair.second().predict(input);
                for (int j = 0; j < input.size(); j++) {
                    GenderVerdict x = a.get(j);
                    GenderVerdict y = b.get(j);
                    if (x.prediction().isEmpty() || y.prediction().isEmpty()) {
                        out.add(new Classified(null, null, null, null, null, x.problem().or(y::problem).orElse("not classified")));
                        continue;
                    }
                    GenderPrediction combined = pair.combine(x.prediction().get(), y.prediction().get());
                    Double age = x.age().isPresent() ? x.age().getAsDouble() : y.age().isPresent() ? y.age().getAsDouble() : null;
                    out.add(new Classified(combined.gender(), combined.probability(), female(x.prediction()),
                            female(y.prediction()), age, null));
                }
            } else {
                for (GenderVerdict x : gender.predict(input)) {
                    if (x.prediction().isEmpty()) {
                        out.add(new Classified(null, null, null, null, null, x.problem().orElse("not classified")));
                    } else {
                        GenderPrediction p = x.prediction().get();
                        out.add(new Classified(p.gender(), p.probability(), female(x.prediction()), null,
                                x.age().isPresent() ? x.age().getAsDouble() : null, null));
                    }
                }
            }
            return out;
        }

        private ItemResult fileRow(SourceItem item, String sha, DropReason reason, String detail) {
            ManifestRow row = new ManifestRow("", ManifestRow.DROPPED, reason.code(), detail, item.origin(), sha, -1,
                    null, null, null, null, null, "", null, null, null, null, null, "", models);
            List<float[]> none = new ArrayList<>();
            none.add(null);
            return new ItemResult(item.origin(), List.of(row), none);
        }
    }

    /** A face's gender verdict as the manifest records it. */
    private record Classified(Gender label, Double probability, Double femaleA, Double femaleB, Double age,
                              String problem) {
        String labelText() {
            return label == null ? "" : label.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The probability of FEMALE by one prediction; null when it abstained without saying which way. */
    private static Double female(Optional<GenderPrediction> p) {
        if (p.isEmpty()) {
            return null;
        }
        return switch (p.get().gender()) {
            case FEMALE -> p.get().probability();
            case MALE -> 1 - p.get().probability();
            default -> null;
        };
    }

    private static void writeCrop(Path file, RgbImage crop) {
        try {
            PngWriter.write(file, crop);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the face " + file + ": " + e.getMessage()
                    + "; check free disk space, then run the same command again to resume.", e);
        }
    }

    /** {@code <file name without extension>-<8 hex of the origin's sha256>-<face>.png}: readable and unique. */
    private static String cropName(SourceItem item, int face) {
        String base = item.name().replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return base + "-" + Sha256.hex(item.origin()).substring(0, 8) + "-" + face + ".png";
    }

    /**
     * Settings of a {@link DatasetBuild}, each given once.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private final List<FaceSource> sources = new ArrayList<>();
        private Path out;
        private int size = 64;
        private Keep keep = Keep.ANY;
        private FaceCensus census = FaceCensus.defaults();
        private FaceAnalyzer.Builder analyzer;
        private String classifier;
        private String embedder = DEFAULT_EMBEDDER;
        private double minFace = 32;
        private double minSharpness = 50;
        private int duplicateBits = 0;
        private double nearDuplicateCosine = 0.9;
        private int threads = 1;

        private Builder() {
        }

        /** Adds a source; at least one is needed. */
        public Builder source(FaceSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** The dataset folder (created when absent). */
        public Builder out(Path dir) {
            this.out = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Side of the written faces in pixels (default 64; the study's sizes are 64, 128 and 224). */
        public Builder size(int pixels) {
            if (pixels < 16 || pixels > 1024) {
                throw new FaceCensusException("--size must be within 16..1024 pixels (64, 128 or 224 usually); got " + pixels);
            }
            this.size = pixels;
            return this;
        }

        /** Which faces the gender filter keeps (default {@link Keep#ANY}); FEMALE or MALE need a classifier. */
        public Builder keep(Keep which) {
            this.keep = Objects.requireNonNull(which, "which");
            return this;
        }

        /** The providers' settings and model store (default {@link FaceCensus#defaults()}). */
        public Builder census(FaceCensus instance) {
            this.census = Objects.requireNonNull(instance, "instance");
            return this;
        }

        /**
         * Detection, landmarks and alignment (default: {@code census.analyzer()}'s defaults); its classifier is
         * switched off, the gender filter is {@link #classifier}. Built and closed by the run.
         */
        public Builder analyzer(FaceAnalyzer.Builder builder) {
            this.analyzer = Objects.requireNonNull(builder, "builder");
            return this;
        }

        /** The gender filter, a {@link GenderClassifierSpec} such as {@code faceapi-agegender,faceres@0.8}; null: none. */
        public Builder classifier(String spec) {
            this.classifier = spec == null || spec.isBlank() || spec.strip().equals("none") ? null : spec.strip();
            return this;
        }

        /** The embedder for near-duplicates (default {@value #DEFAULT_EMBEDDER}); null or "none": no near-duplicate check. */
        public Builder embedder(String name) {
            this.embedder = name == null || name.isBlank() || name.strip().equals("none") ? null : name.strip();
            return this;
        }

        /** Faces whose box is narrower or lower than this many source pixels are {@link DropReason#TINY} (default 32). */
        public Builder minFace(double pixels) {
            this.minFace = pixels;
            return this;
        }

        /** Faces whose variance of the Laplacian is below this are {@link DropReason#BLURRED} (default 50). */
        public Builder minSharpness(double value) {
            this.minSharpness = value;
            return this;
        }

        /**
         * Perceptual hashes at most this many bits apart are the same picture (default 0). Aligned faces share their
         * layout, so their low frequencies agree more than those of arbitrary pictures: on 6,000 UTKFace faces, 4 bits
         * also matched different people (median embedding cosine 0.42), 0 bits only true copies (cosine 0.93 and more).
         */
        public Builder duplicateBits(int bits) {
            if (bits < 0 || bits > 32) {
                throw new FaceCensusException("the duplicate hash distance must be within 0..32 bits; got " + bits);
            }
            this.duplicateBits = bits;
            return this;
        }

        /** Embedding cosine at or above which two faces are near-duplicates (default 0.9). */
        public Builder nearDuplicateCosine(double cosine) {
            if (!(cosine > 0 && cosine <= 1)) {
                throw new FaceCensusException("the near-duplicate cosine must be within (0, 1]; got " + cosine);
            }
            this.nearDuplicateCosine = cosine;
            return this;
        }

        /** Images processed at once (default 1). */
        public Builder threads(int n) {
            if (n < 1) {
                throw new FaceCensusException("threads must be at least 1; got " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * @throws FaceCensusException when no source or output folder was given, or a gender is kept without a
         *                             classifier
         */
        public DatasetBuild build() {
            if (sources.isEmpty()) {
                throw new FaceCensusException("No source: give at least one folder of images.");
            }
            if (out == null) {
                throw new FaceCensusException("No output folder: give --out DIR.");
            }
            if (keep != Keep.ANY && classifier == null) {
                throw new FaceCensusException("--keep " + keep.name().toLowerCase(Locale.ROOT) + " needs a gender filter:"
                        + " give --classifier, e.g. the two-model filter 'faceapi-agegender,faceres@0.8'.");
            }
            if (embedder != null) {
                // Refused here, before any work, rather than after the analyzer is built (embedders load lazily).
                census.createComparingEmbedder(embedder, "--embedder").close();
            }
            if (analyzer == null) {
                analyzer = census.analyzer();
            }
            return new DatasetBuild(this);
        }
    }
}
