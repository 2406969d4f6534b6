package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.census.Census;
import org.facecensus.dataset.BuildResult;
import org.facecensus.dataset.DatasetBuild;
import org.facecensus.dataset.DropReason;
import org.facecensus.dataset.Keep;
import org.facecensus.dataset.source.FolderSource;
import org.facecensus.dataset.source.UrlListSource;
import org.facecensus.http.HttpFetcher;
import org.facecensus.dataset.stats.DatasetStats;
import org.facecensus.dataset.stats.StatsResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus dataset build|stats|train}: curate a face dataset from image folders, summarise it, and train
 * generative models on it.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build a face dataset (detect, align, filter, de-duplicate), summarise it, train generative models on it.",
        subcommands = {DatasetCommand.Build.class, DatasetCommand.Stats.class, DatasetTrainCommand.class})
final class DatasetCommand implements Callable<Integer> {
    /** The study's filter: both models must call the face the kept gender with probability at least 0.8. */
    static final String DEFAULT_FILTER = "faceapi-agegender,faceres@0.8";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Detect and align every face in the sources, keep those that pass the filters, write "
                    + "DIR/faces/*.png, DIR/manifest.csv (every face, kept or dropped with its reason) and DIR/summary.json. "
                    + "Resumable: run the same command again after an interruption.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Folders of images (searched recursively), or "
                + "URL lists: CSV, JSON Lines or .xlsx files with a 'url' column (as analyze --urls), downloaded into "
                + "DIR/downloads with resume.")
        List<Path> sources;

        @Mixin
        WebMixin web;

        @Option(names = "--max-image-bytes", paramLabel = "N", defaultValue = "52428800",
                description = "Largest image downloaded from a URL list, in bytes (default ${DEFAULT-VALUE}: 50 MiB).")
        long maxImageBytes;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "The dataset folder.")
        Path out;

        @Option(names = "--size", paramLabel = "PX", defaultValue = "64",
                description = "Side of the written faces: 64, 128 or 224 (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--keep", paramLabel = "female|male|any", defaultValue = "any",
                description = "Faces the gender filter keeps (default ${DEFAULT-VALUE}).")
        String keep;

        @Option(names = "--classifier", paramLabel = "SPEC",
                description = "The gender filter, 'A,B@T' for two models that must both reach T (default "
                        + DEFAULT_FILTER + "; 'none' with --keep any: no classification).")
        String classifier = DEFAULT_FILTER;

        @Option(names = "--embedder", paramLabel = "NAME", defaultValue = DatasetBuild.DEFAULT_EMBEDDER,
                description = "Face embedding for near-duplicates (default ${DEFAULT-VALUE}; 'none': no near-duplicate check).")
        String embedder;

        @Option(names = "--tiny", paramLabel = "PX", defaultValue = "32",
                description = "Drop faces whose box is narrower or lower than PX source pixels (default ${DEFAULT-VALUE}).")
        double tiny;

        @Option(names = "--min-sharpness", paramLabel = "V", defaultValue = "50",
                description = "Drop faces whose variance of the Laplacian (grey, at 112x112) is below V (default ${DEFAULT-VALUE}).")
        double minSharpness;

        @Option(names = "--duplicate-bits", paramLabel = "N", defaultValue = "0",
                description = "Perceptual hashes at most N bits apart (and embeddings at least --near-duplicate alike) are "
                        + "the same picture (default ${DEFAULT-VALUE}).")
        int duplicateBits;

        @Option(names = "--near-duplicate", paramLabel = "COS", defaultValue = "0.9",
                description = "Embedding cosine from which two faces are near-duplicates; the larger is kept (default ${DEFAULT-VALUE}).")
        double nearDuplicate;

        @Mixin
        DetectorMixin detector;

        @Mixin
        PipelineMixin stages = PipelineMixin.forClassifying();

        @Mixin
        DeviceMixin device;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
                description = "Images processed at once (default ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Keep which = Keep.parse(keep);
            FaceCensus census = FaceCensus.builder().device(device.device()).build();
            String detectorName = detector.name() == null ? Census.DEFAULT_DETECTOR : detector.name();
            DatasetBuild.Builder b = DatasetBuild.builder().out(out).size(size).keep(which).census(census)
                    .analyzer(detector.applyTo(Components.analyzer(census, detectorName, stages.landmarks(),
                            stages.aligner(), null)))
                    .classifier(classifier).embedder(embedder).minFace(tiny).minSharpness(minSharpness)
                    .duplicateBits(duplicateBits).nearDuplicateCosine(nearDuplicate).threads(threads);
            boolean anyList = sources.stream().anyMatch(java.nio.file.Files::isRegularFile);
            BuildResult r;
            try (HttpFetcher http = anyList ? web.options(spec).newFetcher() : null) {
                for (Path s : sources) {
                    b.source(java.nio.file.Files.isRegularFile(s)
                            ? new UrlListSource(s, http, out.resolve("downloads"), maxImageBytes) : new FolderSource(s));
                }
                r = b.build().run();
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "items %d (resumed %d), kept %d faces%n", r.items(), r.resumed(), r.kept());
            for (DropReason reason : DropReason.values()) {
                o.printf(Locale.ROOT, "dropped %-15s %d%n", reason.code(), r.dropped(reason));
            }
            o.println("manifest: " + r.manifest());
            err.flush();
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Summarise a dataset: mean face, per-pixel std map, a seeded montage, histograms of age and "
                    + "gender probability, all on one HTML page (OUT/index.html).")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A dataset folder written by 'dataset build'.")
        Path dir;

        @Option(names = "--out", paramLabel = "OUT", required = true, description = "Folder for the pictures and index.html.")
        Path out;

        @Option(names = "--gender", paramLabel = "female|male|any", defaultValue = "any",
                description = "Only the kept faces the filter called this (default ${DEFAULT-VALUE}).")
        String gender;

        @Option(names = "--montage", paramLabel = "N", defaultValue = "100", description = "Faces in the montage (default ${DEFAULT-VALUE}).")
        int montage;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the montage's random choice (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            StatsResult r = DatasetStats.builder().dataset(dir).out(out).gender(Keep.parse(gender)).montage(montage)
                    .seed(seed).build().run();
            spec.commandLine().getOut().printf(Locale.ROOT, "%d faces; mean face %s, std map %s (max std %.1f), "
                    + "montage %s; page %s%n", r.faces(), r.meanFace(), r.stdMap(), r.maxStd(), r.montage(), r.page());
            return 0;
        }
    }

    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
