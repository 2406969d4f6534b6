package org.facecensus.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --threads N}, images processed in parallel, the same in every command.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class ThreadsMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N",
            description = "Images processed in parallel (default: the number of processors, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    /**
     * @return the number of threads
     * @throws ParameterException (a usage error) when it is below 1
     */
    int threads() {
        if (threads < 1) {
            throw new ParameterException(mixee.commandLine(), "--threads must be at least 1");
        }
        return threads;
    }
}
