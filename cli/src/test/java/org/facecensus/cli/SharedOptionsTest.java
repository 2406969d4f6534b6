package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.facecensus.census.run.PipelineSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
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
        String[] withCanonical = concat(common, canonical, value);
        String[] withAlias = concat(common, alias, value);
        assertEquals(value, read.apply(parse(command, withCanonical)));
        assertEquals(read.apply(parse(command, withCanonical)), read.apply(parse(command, withAlias)), alias);
    }

    private static String[] concat(List<String> common, String name, String value) {
        List<String> all = new java.util.ArrayList<>(common);
        all.add(name);
        all.add(value);
        return all.toArray(String[]::new);
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
        assertEquals("similarity-5pt", PipelineSettings.DEFAULT_ALIGNER);
        assertEquals(PipelineSettings.DEFAULT_ALIGNER, parse(DetectCommand::new, "x.jpg").stages.aligner());
        assertEquals(PipelineSettings.DEFAULT_ALIGNER, parse(AlignCommand::new, "--out", "o", "x.jpg").stages.aligner());
        assertEquals(PipelineSettings.DEFAULT_ALIGNER, parse(AnalyzeCommand::new, "dir", "--out", "o").stages.aligner());
        assertEquals(PipelineSettings.DEFAULT_ALIGNER, parse(ClassifyCommand::new, "--classifier", "h.json", "x.jpg")
                .stages.aligner());
        assertEquals("imutils-eyes", parse(AlignCommand::new, "--out", "o", "--aligner", "imutils-eyes", "x.jpg")
                .stages.aligner());
    }

    @Test
    void landmarksDefaultToNoneWhereNothingIsClassifiedAndTo68PointsWhereItIs() {
        assertEquals(PipelineSettings.NONE, parse(DetectCommand::new, "x.jpg").stages.landmarks());
        assertEquals(PipelineSettings.NONE, parse(AlignCommand::new, "--out", "o", "x.jpg").stages.landmarks());
        assertEquals(PipelineSettings.DEFAULT_LANDMARKS, parse(AnalyzeCommand::new, "dir", "--out", "o").stages.landmarks());
        assertEquals(PipelineSettings.DEFAULT_LANDMARKS,
                parse(ClassifyCommand::new, "--classifier", "h.json", "x.jpg").stages.landmarks());
    }

    @Test
    void classifierDefaultsPerCommand() {
        assertEquals(PipelineSettings.NONE, parse(DetectCommand::new, "x.jpg").classifier.spec());
        assertEquals(PipelineSettings.DEFAULT_CLASSIFIER, parse(AnalyzeCommand::new, "dir", "--out", "o").classifier.spec());
        assertNull(parse(ClassifyCommand::new, "x.jpg").classifierOption.spec());
    }

    @Test
    void detectorDeviceAndThreadsParseTheSameEverywhere() {
        DetectCommand detect = parse(DetectCommand::new, "--detector", "ssd-mobilenet", "--device", "cpu", "--threads", "3", "x");
        AnalyzeCommand analyze = parse(AnalyzeCommand::new, "--detector", "ssd-mobilenet", "--device", "cpu", "--threads", "3",
                "dir", "--out", "o");
        AlignCommand align = parse(AlignCommand::new, "--detector", "ssd-mobilenet", "--device", "cpu", "--threads", "3",
                "--out", "o", "x");
        DemoCommand demo = parse(DemoCommand::new, "--detector", "ssd-mobilenet", "--device", "cpu", "--threads", "3");
        for (DetectorMixin d : List.of(detect.detector, analyze.detector, align.detector, demo.detector)) {
            assertEquals(List.of("--detector", "ssd-mobilenet"), d.args());
        }
        for (DeviceMixin d : List.of(detect.device, analyze.device, align.device, demo.device)) {
            assertEquals(List.of("--device", "cpu"), d.args());
        }
        for (ThreadsMixin t : List.of(detect.threads, analyze.threads, align.threads, demo.threads)) {
            assertEquals(3, t.threads());
        }
        assertEquals(List.of(), parse(DetectCommand::new, "x").detector.args());
        assertEquals(Runtime.getRuntime().availableProcessors(), parse(DetectCommand::new, "x").threads.threads());
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
