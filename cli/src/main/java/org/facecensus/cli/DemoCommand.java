package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.model.ModelFetcher;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus demo}: the README's main job. Fetches the models and six real group photos (the
 * face-api demo images, MIT, from npm), runs {@code analyze} on them with the catalogue in
 * {@code examples/demo/face-api-samples.csv}, then on the People-Art collection when the shared data
 * folder is there (its styles as tags), and prints where the reports are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fetch models and sample photos, run 'analyze' on them (and on People-Art when "
                + "../shared/data/peopleart exists); print where the reports are.")
final class DemoCommand implements Callable<Integer> {
    private static final String PACKAGE = "@vladmandic/face-api";
    private static final String VERSION = "1.7.15";
    private static final String SAMPLE_CATALOGUE = "examples/demo/face-api-samples.csv";
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

    @Mixin
    ForwardedOptions forwarded;

    @Option(names = "--peopleart", paramLabel = "DIR",
            description = "The People-Art folder (default: data/peopleart of -Dfacecensus.shared, else ../shared next to the repository).")
    Path peopleart;

    @Option(names = "--no-peopleart", description = "Only the six sample photos.")
    boolean noPeopleart;

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

        Path photos = out.resolve("photos");
        Files.createDirectories(photos);
        for (ModelSpec s : sampleSpecs()) {
            Files.copy(samples.require(s), photos.resolve(s.fileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path catalogue = repositoryFile(SAMPLE_CATALOGUE);
        List<String> reports = new ArrayList<>();
        stdout.println("== The six face-api demo photos ==");
        // Six photos: a tag on 3 of them gets its row, so the report's tag section shows something.
        int exit = analyze(photos, catalogue, out.resolve("face-api-samples"), 3);
        if (exit != 0) {
            return exit;
        }
        reports.add(out.resolve("face-api-samples").toString());

        Path art = noPeopleart ? null : peopleart != null ? peopleart : sharedPeopleArt();
        if (art != null) {
            stdout.println("== People-Art: " + art + " ==");
            Path artCatalogue = out.resolve("peopleart-catalogue.csv");
            PeopleArtCatalogue.write(art, artCatalogue);
            exit = analyze(art.resolve("JPEGImages"), artCatalogue, out.resolve("peopleart"), 10);
            if (exit != 0) {
                return exit;
            }
            reports.add(out.resolve("peopleart").toString());
        } else if (!noPeopleart) {
            stdout.println("(People-Art not found: give --peopleart DIR to analyse it too)");
        }
        stdout.println("Reports (report.html, items.csv, faces.csv, census.sqlite in each):");
        reports.forEach(r -> stdout.println("  " + Path.of(r).toAbsolutePath()));
        stdout.flush();
        return 0;
    }

    private int analyze(Path collection, Path catalogue, Path outDir, int minTagItems) {
        List<String> args = new ArrayList<>(List.of(collection.toString(), "--out", outDir.toString(),
                "--min-tag-items", Integer.toString(minTagItems)));
        if (catalogue != null) {
            args.addAll(List.of("--metadata", catalogue.toString()));
        }
        args.addAll(forwarded.args());
        CommandLine analyze = new CommandLine(new AnalyzeCommand());
        analyze.setOut(spec.commandLine().getOut());
        analyze.setErr(spec.commandLine().getErr());
        analyze.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
        return analyze.execute(args.toArray(String[]::new));
    }

    /** A file of the repository (the launcher passes its root as -Dfacecensus.home), or null. */
    private static Path repositoryFile(String relative) {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("facecensus.home");
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home));
        }
        roots.add(Path.of(""));
        roots.add(Path.of("..")); // a module folder, as in the build's tests
        for (Path root : roots) {
            Path file = root.resolve(relative);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    private static Path sharedPeopleArt() {
        List<Path> candidates = new ArrayList<>();
        String shared = System.getProperty("facecensus.shared");
        if (shared != null && !shared.isBlank()) {
            candidates.add(Path.of(shared));
        }
        String home = System.getProperty("facecensus.home");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home).resolve("../shared"));
        }
        candidates.add(Path.of("../shared"));
        for (Path c : candidates) {
            Path art = c.resolve("data/peopleart");
            if (Files.isDirectory(art.resolve("JPEGImages"))) {
                return art.normalize();
            }
        }
        return null;
    }
}
