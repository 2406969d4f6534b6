package org.facecensus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.facecensus.label.ExploreServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facecensus explore CENSUS_DIR}: the interactive explorer of a census on 127.0.0.1 (the
 * labelling app's local server), until Ctrl-C.
 *
 * <p>Thread-safety: a command; runs on the calling thread (the server answers on its own threads).
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Explore a census in your browser (served on 127.0.0.1 only, with a token in the address):",
                "filter by decade, tag, designer and catalogue fields; shares, trend and prominence with their 95 %",
                "intervals; the faces behind any bar or cell."})
final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CENSUS_DIR", description = "The --out folder of 'facecensus analyze'.")
    Path census;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--open", description = "Open the page in the default browser, where there is one.")
    boolean open;

    @Option(names = "--evaluation", paramLabel = "EVAL.json",
            description = "The classifier's evaluation ('facecensus gender evaluate --json'), to correct shares for its errors.")
    Path evaluation;

    @Option(names = "--bootstrap-samples", paramLabel = "N", defaultValue = "" + ExploreServer.DEFAULT_SAMPLES,
            description = "Bootstrap replicates per interval as filters change (default ${DEFAULT-VALUE}; the report uses 2000).")
    int samples;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535 || samples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535 and --bootstrap-samples 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ExploreServer server = ExploreServer.start(census, port, evaluation, samples)) {
            LabelCommand.serveUntilStopped(server, server.url(), "exploring " + census.toAbsolutePath().normalize()
                    + " (" + server.items() + " items); open the address above. Ctrl-C stops the server.", open, out, err);
        }
        return 0;
    }
}
