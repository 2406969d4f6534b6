package org.facecensus.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    PipelineMixin stages;

    @Mixin
    ForwardedOptions forwarded;

    @Override
    public Integer call() {
        // align is detect with a folder for the aligned faces: pass the shared options on as given.
        List<String> args = new ArrayList<>(List.of("--aligned-crops", out.toString(),
                "--aligner", stages.aligner(), "--landmarks", stages.landmarks()));
        args.addAll(forwarded.args());
        paths.forEach(p -> args.add(p.toString()));
        CommandLine detect = new CommandLine(new DetectCommand());
        detect.setOut(spec.commandLine().getOut());
        detect.setErr(spec.commandLine().getErr());
        detect.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
        return detect.execute(args.toArray(String[]::new));
    }
}
