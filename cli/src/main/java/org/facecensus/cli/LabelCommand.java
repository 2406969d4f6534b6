package org.facecensus.cli;

import java.awt.Desktop;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.facecensus.label.CardOrder;
import org.facecensus.label.CensusFolder;
import org.facecensus.label.LabelExport;
import org.facecensus.label.LabelServer;
import org.facecensus.label.LabelStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facecensus label CENSUS_DIR}: the labelling web app of a census on 127.0.0.1, until Ctrl-C;
 * {@code facecensus label export}: the labels as a {@code labels.csv} for {@code gender train|evaluate}.
 *
 * <p>Thread-safety: a command; runs on the calling thread (the server answers on its own threads).
 */
@Command(name = "label", mixinStandardHelpOptions = true, subcommands = LabelCommand.Export.class,
        description = {"Label the faces of a census in your browser (served on 127.0.0.1 only, with a token in the address).",
                "Labels are appended to CENSUS_DIR/labels.jsonl and forced to disk at once: there is nothing to save."})
final class LabelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Optional for picocli, so that 'label export DIR' does not ask for the parent's parameter; checked in call().
    @Parameters(paramLabel = "CENSUS_DIR", arity = "0..1", description = "The --out folder of 'facecensus analyze'.")
    Path census;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--open", description = "Open the page in the default browser, where there is one.")
    boolean open;

    @Option(names = "--audit-every", paramLabel = "K", defaultValue = "" + CardOrder.DEFAULT_AUDIT_EVERY,
            description = "Every K-th card is from the random audit stream, the others the classifier's least sure faces"
                    + " (default ${DEFAULT-VALUE}).")
    int auditEvery;

    @Override
    public Integer call() throws InterruptedException {
        if (census == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: CENSUS_DIR");
        }
        if (auditEvery < 1 || port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audit-every must be 1 or more and --port 0-65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LabelServer server = LabelServer.start(census, port, auditEvery)) {
            server.store().warnings().forEach(w -> err.println("facecensus: " + w));
            serveUntilStopped(server, server.url(), "labelling " + census.toAbsolutePath().normalize()
                    + "; open the address above. Ctrl-C stops the server (every label is already on disk).", open, out, err);
        }
        return 0;
    }

    /**
     * Prints the address, then blocks until Ctrl-C (a shutdown hook closes the server and releases the
     * wait); the label app and the explorer both serve this way.
     */
    static void serveUntilStopped(AutoCloseable server, String url, String message, boolean open, PrintWriter out,
                                  PrintWriter err) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                err.println("facecensus: closing the server: " + e.getMessage());
            }
            stopped.countDown();
        }, "facecensus-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(url);
        out.flush();
        err.println("facecensus: " + message);
        if (open) {
            openBrowser(url, err);
        }
        try {
            stopped.await();
        } finally {
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping: the hook runs anyway.
        }
    }

    private static void openBrowser(String url, PrintWriter err) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return;
            }
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            err.println("facecensus: cannot open a browser (" + e.getMessage() + ").");
        }
        err.println("facecensus: no browser can be opened from here; open the address above yourself.");
    }

    /** {@code facecensus label export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the female/male labels as labels.csv for 'facecensus gender train|evaluate --data DIR'"
                    + " (columns file, gender, split, style, tags, decade).",
                    "Split: faces labelled from the random audit stream are 'test' with a seeded 25 % draw, the others"
                            + " 'train'. Faces labelled unknown (can't tell), not_a_face or skip are not exported."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "CENSUS_DIR", description = "The census folder that was labelled.")
        Path census;

        @Option(names = "--out", paramLabel = "CSV", required = true,
                description = "The csv to write; name it labels.csv and give its folder to --data.")
        Path out;

        @Option(names = "--first", paramLabel = "N",
                description = "Only the N faces labelled first (by the time of their current label), as after N cards:"
                        + " for learning curves. Their splits are those of the full export.")
        Integer first;

        @Override
        public Integer call() {
            CensusFolder folder = CensusFolder.read(census);
            LabelExport.Summary summary;
            try (LabelStore store = LabelStore.open(folder)) {
                store.warnings().forEach(w -> spec.commandLine().getErr().println("facecensus: " + w));
                if (first != null && first < 1) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--first must be at least 1");
                }
                var labels = first == null ? store.currentLabels() : LabelExport.firstLabelled(store.currentLabels(), first);
                summary = LabelExport.write(folder, labels, CardOrder.seedOf(folder), out);
            }
            spec.commandLine().getErr().println("facecensus: wrote " + summary.file() + ": " + summary.train() + " train, "
                    + summary.test() + " test; " + summary.notExported() + " labelled face(s) not exported (not female/male,"
                    + " or no crop).");
            return 0;
        }
    }
}
