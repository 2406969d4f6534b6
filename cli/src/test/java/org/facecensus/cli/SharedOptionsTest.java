package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.Census;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The options every command shares: one name per concept, the old names as aliases, one default aligner. */
class SharedOptionsTest {

    private static <T> T parse(Supplier<T> command, String... args) {
        T object = command.get();
        new CommandLine(object).parseArgs(args);
        return object;
    }

    @ParameterizedTest
    @ValueSource(strings = {"--gender", "--model"})
    void oldClassifierNamesMeanTheSameAsClassifier(String alias) {
        assertAliasGivesSame(DetectCommand::new, c -> c.classifier.spec(), "x.jpg", "--classifier", "faceapi-agegender", alias);
        assertAliasGivesSame(AnalyzeCommand::new, c -> c.classifier.spec(), "dir", "--out", "o", "--classifier", "a,b@0.9", alias);
        assertAliasGivesSame(ClassifyCommand::new, c -> c.classifierOption.spec(), "x.jpg", "--classifier", "head.json", alias);
        assertAliasGivesSame(GenderCommand.Evaluate::new, c -> c.classifier.spec(), "--data", "d", "--classifier", "head.json", alias);
    }

    /** Parses {@code args} once with {@code --classifier VALUE}, once with {@code alias VALUE}; both give VALUE. */
    private static <T> void assertAliasGivesSame(Supplier<T> command, Function<T, String> read, String... argsThenNameValueAlias) {
        int n = argsThenNameValueAlias.length;
        List<String> common = List.of(argsThenNameValueAlias).subList(0, n - 3);
        String canonical = argsThenNameValueAlias[n - 3];
        String value = argsThenNameValueAlias[n - 2];
        String alias = argsThenNameValueAlias[n - 1];
        String[] withCanonical = with(common.toArray(String[]::new), canonical, value);
        String[] withAlias = with(common.toArray(String[]::new), alias, value);
        assertEquals(value, read.apply(parse(command, withCanonical)));
        assertEquals(read.apply(parse(command, withCanonical)), read.apply(parse(command, withAlias)), alias);
    }

    @Test
    void analyzeAndDetectTakeTheSameVerifierOptions() {
        String file = java.nio.file.Path.of("v.json").toAbsolutePath().toString();
        DetectCommand detect = parse(DetectCommand::new, "x.jpg", "--verifier", "v.json", "--verifier-threshold", "0.3");
        AnalyzeCommand analyze = parse(AnalyzeCommand::new, "dir", "--out", "o", "--verifier", "v.json",
                "--verifier-threshold", "0.3");
        for (VerifierMixin v : List.of(detect.verifier, analyze.verifier)) {
            assertEquals(file, v.file());
            assertEquals(0.3, v.threshold());
        }
        assertNull(parse(DetectCommand::new, "x.jpg").verifier.file(), "no verifier unless asked");
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse(DetectCommand::new, "x.jpg", "--verifier-threshold", "0.3").verifier.file());
        assertTrue(e.getMessage().contains("--verifier-threshold needs --verifier"), e.getMessage());
    }

    @Test
    void helpNamesClassifierAsTheOptionToUse() {
        // picocli lists an option's names shortest first, so the description says which one is canonical.
        String help = new CommandLine(new DetectCommand()).getUsageMessage().replaceAll("\\s+", " ");
        assertTrue(help.contains("--model, --gender, --classifier=SPEC"), help);
        assertTrue(help.contains("--classifier is the name to use; --gender and --model are older aliases"), help);
    }

    @Test
    void everyCommandAlignsWithTheSamePermissiveDefault() {
        assertEquals("similarity-5pt", FaceAnalyzer.DEFAULT_ALIGNER);
        assertEquals(FaceAnalyzer.DEFAULT_ALIGNER, parse(DetectCommand::new, "x.jpg").stages.aligner());
        assertEquals(FaceAnalyzer.DEFAULT_ALIGNER, parse(AlignCommand::new, "--out", "o", "x.jpg").stages.aligner());
        assertEquals(FaceAnalyzer.DEFAULT_ALIGNER, parse(AnalyzeCommand::new, "dir", "--out", "o").stages.aligner());
        assertEquals(FaceAnalyzer.DEFAULT_ALIGNER, parse(ClassifyCommand::new, "--classifier", "h.json", "x.jpg")
                .stages.aligner());
        assertEquals("imutils-eyes", parse(AlignCommand::new, "--out", "o", "--aligner", "imutils-eyes", "x.jpg")
                .stages.aligner());
    }

    @Test
    void landmarksDefaultToNoneWhereNothingIsClassifiedAndTo68PointsWhereItIs() {
        assertEquals(Components.NONE, parse(DetectCommand::new, "x.jpg").stages.landmarks());
        assertEquals(Components.NONE, parse(AlignCommand::new, "--out", "o", "x.jpg").stages.landmarks());
        assertEquals(Census.DEFAULT_LANDMARKS, parse(AnalyzeCommand::new, "dir", "--out", "o").stages.landmarks());
        assertEquals(Census.DEFAULT_LANDMARKS,
                parse(ClassifyCommand::new, "--classifier", "h.json", "x.jpg").stages.landmarks());
    }

    @Test
    void classifierDefaultsPerCommand() {
        assertEquals(Components.NONE, parse(DetectCommand::new, "x.jpg").classifier.spec());
        assertEquals(Census.DEFAULT_CLASSIFIER, parse(AnalyzeCommand::new, "dir", "--out", "o").classifier.spec());
        assertNull(parse(ClassifyCommand::new, "x.jpg").classifierOption.spec());
    }

    @Test
    void detectorDeviceAndThreadsParseTheSameEverywhere() {
        String[] shared = {"--detector", "ssd-mobilenet", "--device", "cpu", "--threads", "3"};
        DetectCommand detect = parse(DetectCommand::new, with(shared, "x.jpg"));
        AnalyzeCommand analyze = parse(AnalyzeCommand::new, with(shared, "dir", "--out", "o"));
        for (var d : List.of(detect.detector, analyze.detector)) {
            assertEquals("ssd-mobilenet", d.name());
        }
        for (var d : List.of(detect.device, analyze.device)) {
            assertEquals(ExecutionDevice.CPU, d.device());
        }
        for (var t : List.of(detect.threads, analyze.threads)) {
            assertEquals(3, t.threads());
        }
        // align and demo pass the same options on, as given, to the command they run.
        AlignCommand align = parse(AlignCommand::new, with(shared, "--out", "o", "x.jpg"));
        DemoCommand demo = parse(DemoCommand::new, shared);
        for (ForwardedOptions f : List.of(align.forwarded, demo.forwarded)) {
            assertEquals(List.of("--threads", "3", "--detector", "ssd-mobilenet", "--device", "cpu"), f.args());
        }
        assertEquals(List.of("--threads", Integer.toString(Runtime.getRuntime().availableProcessors())),
                parse(DemoCommand::new).forwarded.args());
        assertNull(parse(DetectCommand::new, "x").detector.name());
    }

    private static String[] with(String[] shared, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(shared));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void fewerThanOneThreadIsAUsageError() {
        DetectCommand detect = parse(DetectCommand::new, "--threads", "0", "x");
        assertThrows(CommandLine.ParameterException.class, detect.threads::threads);
    }

    @Test
    void aHeadAloneIsEvaluatedAsAHeadAndAnythingElseThroughItsSpec() {
        assertTrue(GenderCommand.Evaluate.isHeadFile("out/head.JSON"));
        assertFalse(GenderCommand.Evaluate.isHeadFile("faceapi-agegender,head.json@0.9"));
        assertFalse(GenderCommand.Evaluate.isHeadFile("fisher.yml"));
    }
}
