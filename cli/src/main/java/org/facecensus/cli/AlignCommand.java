package org.facecensus.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus align}: detect, locate landmarks, and write aligned faces as
 * {@code DIR/<image>_<j>.jpg} (the study's naming); prints the detect JSON with each face's
 * {@code aligned} path and {@code transform}. A shorthand for {@code detect --aligner ... --aligned-crops DIR}.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Detect and align faces; write DIR/<image>_<j>.jpg (224x224, eyes level) and print JSON.")
final class AlignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Image files or folders (searched recursively).")
    List<Path> paths;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the aligned faces.")
    Path out;

    @Option(names = "--aligner", paramLabel = "NAME", defaultValue = "imutils-eyes",
            description = "Aligner (default ${DEFAULT-VALUE}: dlib-68 landmarks, imutils FaceAligner, 224x224).")
    String aligner;

    @Option(names = "--detector", paramLabel = "NAME", description = "Detector (default: the highest priority).")
    String detector;

    @Option(names = "--landmarks", paramLabel = "NAME", description = "Landmark detector to run on each box, e.g. dlib-68.")
    String landmarks;

    @Option(names = "--threads", paramLabel = "N", description = "Images processed in parallel (default: processors).")
    Integer threads;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("--aligner", aligner, "--aligned-crops", out.toString()));
        if (detector != null) {
            args.addAll(List.of("--detector", detector));
        }
        if (landmarks != null) {
            args.addAll(List.of("--landmarks", landmarks));
        }
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        paths.forEach(p -> args.add(p.toString()));
        CommandLine detect = new CommandLine(new DetectCommand());
        detect.setOut(spec.commandLine().getOut());
        detect.setErr(spec.commandLine().getErr());
        detect.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
        return detect.execute(args.toArray(String[]::new));
    }
}
