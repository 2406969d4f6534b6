package org.facecensus.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.FaceCensus;
import org.facecensus.model.ModelFetcher;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus demo}: the README's main job. Fetches the models and six real group photos
 * (the face-api demo images, MIT, from npm), detects faces, writes JSONL and crops, and prints a summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fetch models and sample photos, detect faces, write DIR/faces.jsonl and DIR/crops/.")
final class DemoCommand implements Callable<Integer> {
    private static final String PACKAGE = "@vladmandic/face-api";
    private static final String VERSION = "1.7.15";
    private static final String[][] SAMPLES = {
            {"sample1.jpg", "8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51", "144516"},
            {"sample2.jpg", "7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691", "181758"},
            {"sample3.jpg", "8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936", "221049"},
            {"sample4.jpg", "729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc", "210824"},
            {"sample5.jpg", "6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938", "166400"},
            {"sample6.jpg", "9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87", "302445"}};

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--detector", paramLabel = "NAME", description = "Detector provider (default: the highest priority).")
    String detector;

    static List<ModelSpec> sampleSpecs() {
        List<ModelSpec> specs = new ArrayList<>();
        for (String[] s : SAMPLES) {
            specs.add(new ModelSpec("face-api-" + s[0].replace(".jpg", ""), s[0],
                    new ModelSource.Npm(PACKAGE, VERSION, "demo/" + s[0]), s[1], Long.parseLong(s[2]), "MIT",
                    "face-api demo photo " + s[0]));
        }
        return specs;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        ModelStore models = ModelStore.defaultStore();
        new ModelFetcher(models).fetchAll(FaceCensus.modelManifest());
        ModelStore samples = new ModelStore(models.root().resolveSibling("samples"));
        new ModelFetcher(samples).fetchAll(sampleSpecs());

        Files.createDirectories(out);
        Path jsonl = out.resolve("faces.jsonl");
        List<String> args = new ArrayList<>(List.of("--crops", out.resolve("crops").toString()));
        if (detector != null) {
            args.addAll(List.of("--detector", detector));
        }
        for (ModelSpec s : sampleSpecs()) {
            args.add(samples.require(s).toString());
        }
        int exit;
        try (Writer w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            CommandLine detect = new CommandLine(new DetectCommand());
            detect.setOut(new PrintWriter(w, true));
            detect.setErr(spec.commandLine().getErr());
            exit = detect.execute(args.toArray(String[]::new));
        }
        if (exit != 0) {
            return exit;
        }
        int total = 0;
        stdout.printf("%-14s %6s %10s%n", "image", "faces", "detect ms");
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode n = Json.MAPPER.readTree(line);
            String name = Path.of(n.get("file").asText()).getFileName().toString();
            if (n.has("error")) {
                stdout.printf("%-14s  error: %s%n", name, n.get("error").asText());
                continue;
            }
            total += n.get("faces").size();
            stdout.printf("%-14s %6d %10.0f%n", name, n.get("faces").size(), n.get("elapsed_ms").get("detect").asDouble());
        }
        stdout.printf("%-14s %6d%n", "total", total);
        stdout.println("Faces as JSON lines: " + jsonl.toAbsolutePath());
        stdout.println("Face crops:          " + out.resolve("crops").toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
