package org.facecensus.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.FaceCensus;
import org.facecensus.census.Census;
import org.facecensus.census.run.CensusResult;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.blazeface.BlazeFaceDetector;
import org.facecensus.detectors.dlib.hog.DlibHogDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.io.FileTrees;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The speed table in one command: our detectors and the reference tools in {@code ../shared/peers}, back to back
 * on the same images, each ratio printed; then end-to-end census throughput with 1 and 2 threads; then (with
 * {@code --jmh}) short JMH runs of the same detectors. Run by {@code tools/speed-table.sh}.
 *
 * <p>Method. Every timed pair runs in rounds, ours then the peer, so slow drift on a shared machine hits both;
 * each round gives a ratio, and the table shows every round's ratio and their median. Per image the detect time is
 * the median of {@code --repeat} runs after one warm-up run (the peers' {@code --repeat} rule, which also excludes
 * their decoding and model loading; ours gets 3 warm-up runs, because the first configuration runs in a fresh JVM);
 * a configuration's figure is the mean of those medians over the images. Our
 * detect time is the detector's {@code detect()} on a decoded image, one thread, ONNX Runtime with 1 intra-op
 * thread; the peers' is their own {@code upsample + detect} stage timers (dlib) or {@code detect} (face-api).
 *
 * <p>Thread-safety: a command-line program; not for use as a library.
 */
public final class SpeedTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Untimed runs per image before ours is timed. */
    private static final int WARM_UP = 3;

    private final List<Path> images;
    private final int repeat;
    private final int rounds;
    private final Path peers;
    private final Path peersCache;
    private final StringBuilder table = new StringBuilder();
    private java.util.regex.Pattern only = java.util.regex.Pattern.compile(".*");

    private SpeedTable(List<Path> images, int repeat, int rounds, Path peers, Path peersCache) {
        this.images = images;
        this.repeat = repeat;
        this.rounds = rounds;
        this.peers = peers;
        this.peersCache = peersCache;
    }

    public static void main(String[] args) throws Exception {
        Path peersCache = Path.of(System.getenv().getOrDefault("PEERS_CACHE", "/tmp/peers-cache"));
        Path peers = Path.of("../shared/peers");
        Path censusFolder = Path.of("../shared/data/peopleart/JPEGImages");
        int repeat = 3;
        int rounds = 2;
        int censusImages = 240;
        boolean jmh = false;
        String onlyRows = null;
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--census-images" -> censusImages = Integer.parseInt(args[++i]);
                case "--census-folder" -> censusFolder = Path.of(args[++i]);
                case "--jmh" -> jmh = true;
                case "--only" -> onlyRows = args[++i];
                case "--help", "-h" -> {
                    System.out.println("usage: tools/speed-table.sh [--repeat K] [--rounds R] [--census-images N]"
                            + " [--census-folder DIR] [--only REGEX] [--jmh] [IMAGE...]\n"
                            + "--only keeps the rows whose name matches (e.g. 'blazeface|census')\n"
                            + "default images: $PEERS_CACHE/images/png/*.png (bash ../shared/peers/setup.sh makes them)");
                    return;
                }
                default -> images.add(Path.of(args[i]));
            }
        }
        if (images.isEmpty()) {
            Path png = peersCache.resolve("images/png");
            if (!Files.isDirectory(png)) {
                throw new IllegalStateException("No images given and " + png + " is missing; run: bash "
                        + "../shared/peers/setup.sh (it builds the peers and makes the sample PNGs)");
            }
            try (Stream<Path> s = Files.list(png)) {
                s.filter(p -> p.toString().endsWith(".png")).sorted().forEach(images::add);
            }
        }
        SpeedTable t = new SpeedTable(images, repeat, rounds, peers, peersCache);
        if (onlyRows != null) {
            t.only = java.util.regex.Pattern.compile(onlyRows, java.util.regex.Pattern.CASE_INSENSITIVE);
        }
        t.run(censusFolder, censusImages, jmh);
    }

    private void run(Path censusFolder, int censusImages, boolean jmh) throws Exception {
        System.setProperty("facecensus.onnx.threads", "1");
        line("Speed table: " + images.size() + " images, median of " + repeat + " runs per image after a warm-up, "
                + rounds + " rounds; ours then the peer in each round.");
        line("Machine: " + machine());
        line("");
        line("| what | ours ms/image | reference ms/image | ratio ours÷reference per round | median ratio |");
        line("|---|---|---|---|---|");
        Path dlib = peersCache.resolve("bin/dlib_hog");
        for (int up : new int[] {0, 1}) {
            pair("dlib-hog upsample " + up + " ÷ dlib C++ (-O3 -march=native)",
                    () -> DlibHogDetector.builder().upsample(up).build(),
                    () -> peer(List.of(dlib.toString(), "--upsample", String.valueOf(up), "--no-landmarks",
                            "--repeat", String.valueOf(repeat)), "upsample", "detect"));
        }
        // The Vector API loops against the scalar ones, on the same images in the same JVM (identical boxes).
        pair("dlib-hog upsample 1, Vector API filter loops (after) ÷ scalar loops (before)",
                () -> DlibHogDetector.builder().upsample(1).build(),
                () -> ours(() -> DlibHogDetector.builder().upsample(1).vectorApi(false).build()));
        pair("blazeface whole levels (after) ÷ blazeface 256-px tiles (before)",
                () -> BlazeFaceDetector.builder().device(ExecutionDevice.CPU).build(),
                () -> ours(() -> BlazeFaceDetector.builder().device(ExecutionDevice.CPU).anySizeInput(false).build()));
        pair("ssd-mobilenet ÷ face-api SSD (WASM, 1 thread + SIMD)",
                () -> FaceCensus.detector("ssd-mobilenet"),
                () -> peer(List.of("node", peers.resolve("faceapi.js").toString(), "--detector", "ssd", "--backend",
                        "wasm", "--repeat", String.valueOf(repeat)), "detect"));
        single("fused (blazeface-full-range + ssd-mobilenet, weighted box fusion)", () -> FaceCensus.detector("fused"));
        single("blazeface-full-range", () -> FaceCensus.detector("blazeface-full-range"));
        if (censusImages > 0 && only.matcher("census").find()) {
            census(censusFolder, censusImages);
        }
        System.out.println();
        System.out.println(table);
        if (jmh) {
            jmh();
        }
    }

    /** One timed pair in rounds: ours, then the reference. */
    private void pair(String what, Supplier<FaceDetector> ours, Supplier<double[]> reference) {
        if (!only.matcher(what).find()) {
            return;
        }
        double[] oursMs = new double[rounds];
        double[] refMs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            oursMs[r] = mean(ours(ours));
            refMs[r] = mean(reference.get());
            ratios[r] = oursMs[r] / refMs[r];
            System.err.printf(Locale.ROOT, "[speed] %s round %d: %.0f vs %.0f ms%n", what, r + 1, oursMs[r], refMs[r]);
        }
        List<String> each = new ArrayList<>();
        for (double x : ratios) {
            each.add(String.format(Locale.ROOT, "%.2f", x));
        }
        line(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | **%.2f** |", what, median(oursMs), median(refMs),
                String.join(", ", each), median(ratios)));
    }

    private void single(String what, Supplier<FaceDetector> ours) {
        if (!only.matcher(what).find()) {
            return;
        }
        double[] ms = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ms[r] = mean(ours(ours));
        }
        line(String.format(Locale.ROOT, "| %s | %.0f | – | – | – |", what, median(ms)));
    }

    /** Per image, the median detect time of {@code repeat} runs after a warm-up, one thread. */
    private double[] ours(Supplier<FaceDetector> open) {
        double[] perImage = new double[images.size()];
        try (FaceDetector d = open.get()) {
            for (int i = 0; i < images.size(); i++) {
                RgbImage img = ImageLoader.defaults().load(images.get(i));
                // three warm-up runs: the first configuration runs in a fresh JVM, whose hot loops are not all
                // compiled after one
                for (int k = 0; k < WARM_UP; k++) {
                    d.detect(img);
                }
                double[] runs = new double[repeat];
                for (int k = 0; k < repeat; k++) {
                    long t0 = System.nanoTime();
                    d.detect(img);
                    runs[k] = (System.nanoTime() - t0) / 1e6;
                }
                perImage[i] = median(runs);
            }
        }
        return perImage;
    }

    /** A peer's per-image medians: the sum of the named stages of its {@code elapsed_ms}. */
    private double[] peer(List<String> command, String... stages) {
        List<String> cmd = new ArrayList<>(command);
        images.forEach(p -> cmd.add(p.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<double[]> rows = new ArrayList<>();
            for (String l : new String(p.getInputStream().readAllBytes()).split("\n")) {
                if (l.isBlank()) {
                    continue;
                }
                JsonNode o = JSON.readTree(l);
                JsonNode e = o.get("elapsed_ms");
                if (e == null) {
                    throw new IllegalStateException("peer gave no timings for " + o.path("file").asText() + ": " + l);
                }
                double ms = 0;
                for (String s : stages) {
                    ms += e.path(s).asDouble(0);
                }
                rows.add(new double[] {ms});
            }
            int rc = p.waitFor();
            if (rc != 0 || rows.size() != images.size()) {
                throw new IllegalStateException("peer " + cmd.get(0) + " exited " + rc + " with " + rows.size()
                        + " results for " + images.size() + " images; is it built? run: bash ../shared/peers/setup.sh");
            }
            return rows.stream().mapToDouble(r -> r[0]).toArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd.get(0) + " (" + e.getMessage()
                    + "); run: bash ../shared/peers/setup.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** End-to-end {@code analyze} (default census pipeline) on the first N images, 1 thread then 2. */
    private void census(Path folder, int count) throws IOException {
        Path subset = Files.createTempDirectory("speed-census-");
        try (Stream<Path> s = Files.walk(folder)) {
            List<Path> all = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)"))
                    .sorted().toList();
            // evenly spaced over the sorted list, so every style folder is represented
            int n = Math.min(count, all.size());
            for (int i = 0; i < n; i++) {
                Path f = all.get((int) ((long) i * all.size() / n));
                Files.copy(f, subset.resolve(i + "-" + f.getFileName()));
            }
        }
        System.setProperty("facecensus.progress", "false");
        // One uncounted run first, as every other row has warm-up runs: the first census in a JVM also compiles
        // the pipeline's code (landmarks, alignment, classifier, writers) and pays for it in whichever
        // configuration comes first, which is not a matter of threads.
        Path warmUp = Files.createTempDirectory("speed-census-out-");
        try {
            long t0 = System.nanoTime();
            Census.of(subset).out(warmUp).threads(2).run();
            System.err.printf(Locale.ROOT, "[speed] census warm-up (2 threads, not counted): %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
        } finally {
            FileTrees.deleteRecursively(warmUp);
        }
        Map<Integer, double[]> rates = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int threads : new int[] {1, 2}) {
                Path out = Files.createTempDirectory("speed-census-out-");
                long cpu0 = processCpuNanos();
                CensusResult res;
                try {
                    res = Census.of(subset).out(out).threads(threads).run();
                } finally {
                    FileTrees.deleteRecursively(out);
                }
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                double rate = res.run().items() / res.run().elapsedSeconds();
                rates.computeIfAbsent(threads, k -> new double[rounds])[r] = rate;
                System.err.printf(Locale.ROOT, "[speed] census %d thread(s) round %d: %d items in %.1f s (%.2f/s),"
                        + " %.1f CPU s (%.2f cores busy)%n", threads, r + 1, res.run().items(),
                        res.run().elapsedSeconds(), rate, cpu, cpu / res.run().elapsedSeconds());
            }
        }
        FileTrees.deleteRecursively(subset);
        double one = median(rates.get(1));
        double two = median(rates.get(2));
        line("");
        line(String.format(Locale.ROOT, "Census (`analyze`, default pipeline) on %d images of %s, %d cores: "
                + "1 thread %.2f images/s, 2 threads %.2f images/s, scaling **%.2f×** (per round: %s; after one uncounted"
                + " warm-up run).", count, folder,
                Runtime.getRuntime().availableProcessors(), one, two, two / one, perRound(rates)));
    }

    /**
     * The CPU model, core count and Java version: ratios move between machines (a 2-core Intel VM and a 2-core
     * AMD EPYC VM gave dlib-hog 1.1-1.3x and 1.45-1.67x), so a table says where it was made.
     */
    private static String machine() {
        String cpu = "CPU model unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not readable: the rest still says something
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")";
    }

    private String perRound(Map<Integer, double[]> rates) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            out.add(String.format(Locale.ROOT, "%.2f→%.2f", rates.get(1)[r], rates.get(2)[r]));
        }
        return String.join(", ", out);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() : 0;
    }

    /** Short JMH runs of the timed detectors on the first image, for the JMH column of the README. */
    private void jmh() throws Exception {
        Options o = new OptionsBuilder()
                .include("(DlibHogBenchmark|BlazeFaceBenchmark|SsdMobilenetBenchmark)")
                .param("image", images.get(0).toAbsolutePath().toString())
                .forks(1).warmupIterations(2).measurementIterations(3).build();
        for (RunResult r : new Runner(o).run()) {
            System.out.printf(Locale.ROOT, "JMH %s %s: %.1f ± %.1f %s%n", r.getParams().getBenchmark(),
                    r.getParams().getParamsKeys().stream().filter(k -> !k.equals("image"))
                            .map(k -> k + "=" + r.getParams().getParam(k)).toList(),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    r.getPrimaryResult().getScoreUnit());
        }
    }

    private void line(String s) {
        table.append(s).append('\n');
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
