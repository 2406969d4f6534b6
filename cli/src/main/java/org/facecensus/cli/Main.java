package org.facecensus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code facecensus} command. Exit codes: 0 success (also when some items failed: their errors
 * are in the output), 1 the run itself failed, 2 usage error.
 *
 * <p>Thread-safety: a program entry point; each command runs on the calling thread.
 */
@Command(name = "facecensus", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Count and characterise the people depicted in image collections.",
        subcommands = {DemoCommand.class, AnalyzeCommand.class, DetectCommand.class, AlignCommand.class, ModelsCommand.class, MineCommand.class,
                GenderCommand.class, ClassifyCommand.class, LabelCommand.class, ExploreCommand.class, VerifierCommand.class,
                DatasetCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line without exiting, on the process's stdout and stderr. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true),
                new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("facecensus: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"facecensus " + (v == null ? "(development build)" : v)};
        }
    }
}
