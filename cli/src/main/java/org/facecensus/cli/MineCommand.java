package org.facecensus.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.textminer.DefaultDescriptionMiner;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.textminer.GenderLexicon;
import org.facecensus.textminer.MentionCounts;
import org.facecensus.textminer.MiningJob;
import org.facecensus.textminer.TermGroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus mine}: how catalogue descriptions name men and women. A thin wrapper over
 * {@link MiningJob}: one JSON object per record on stdout, or with {@code --counts} the aggregate table
 * (JSON, or CSV with {@code --csv}). Exit codes as {@link Main}: 0 (also when some records failed:
 * their errors are in the output), 1 the run failed (e.g. unreadable input), 2 usage error.
 */
@Command(name = "mine", mixinStandardHelpOptions = true,
        description = {"Find the men and women a catalogue description names; print one JSON object per record:",
                "{\"id\":...,\"mentions\":[{\"gender\",\"term\",\"phrase\",\"sentence\"}],...other fields}.",
                "A bad record gives {\"id\":...,\"line\":N,\"error\":...} and the run goes on."})
final class MineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..1",
            description = "JSON Lines (.jsonl) or CSV (.csv, header row) with an id and a description per record; "
                    + "'-' reads standard input. Other extensions: JSON Lines if the first character is '{'.")
    String input;

    @Option(names = "--mode", paramLabel = "study|default", defaultValue = "default",
            description = "default: gendered nouns with their roles, titles skipped; study: the study's rule "
                    + "(male/female + following nouns). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--groups", paramLabel = "FILE",
            description = "Term-to-category grouping for --counts (see --print-groups for the format and defaults).")
    Path groupsFile;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "Gendered words, roles and title words for --mode default (see --print-lexicon).")
    Path lexiconFile;

    @Option(names = "--counts", description = "Print only the aggregate table: mentions and descriptions per gender, "
            + "per category and per term (JSON unless --csv).")
    boolean counts;

    @Option(names = "--csv", description = "Print the --counts table as CSV (one row per gender, category and term).")
    boolean csv;

    @Option(names = "--id-field", paramLabel = "NAME", defaultValue = "id",
            description = "Field or CSV column holding the record id (default: ${DEFAULT-VALUE}).")
    String idField;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "description",
            description = "Field or CSV column to mine (default: ${DEFAULT-VALUE}; e.g. title).")
    String textField;

    @Option(names = "--print-lexicon", help = true, description = "Print the default lexicon (to copy and edit) and exit.")
    boolean printLexicon;

    @Option(names = "--print-groups", help = true, description = "Print the default grouping (to copy and edit) and exit.")
    boolean printGroups;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (printLexicon || printGroups) {
            out.print(printLexicon ? GenderLexicon.defaultText() : TermGroups.defaultText());
            out.flush();
            return 0;
        }
        if (input == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: INPUT");
        }
        if (csv && !counts) {
            throw new ParameterException(spec.commandLine(), "--csv formats the --counts table; add --counts");
        }
        List<String> modes = FaceCensus.defaults().descriptionMiners().all().stream().map(DescriptionMinerProvider::name).toList();
        if (!modes.contains(mode)) {
            throw new ParameterException(spec.commandLine(), "Unknown --mode '" + mode + "'; available: " + modes);
        }
        if (lexiconFile != null && !mode.equals(DefaultDescriptionMiner.NAME)) {
            throw new ParameterException(spec.commandLine(), "--lexicon applies to --mode default only");
        }
        DescriptionMiner miner = lexiconFile != null
                ? new DefaultDescriptionMiner(GenderLexicon.load(lexiconFile))
                : FaceCensus.descriptionMiner(mode);
        MiningJob job = new MiningJob(miner).withIdField(idField).withTextField(textField);
        if (groupsFile != null) {
            job = job.withGroups(TermGroups.load(groupsFile));
        }
        PrintWriter records = counts ? null : out;
        MentionCounts table;
        if (input.equals("-")) {
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            table = job.run(stdin, MiningJob.sniff(stdin), records);
        } else {
            table = job.run(Path.of(input), records);
        }
        if (counts && csv) {
            table.writeCsv(out);
        } else if (counts) {
            table.writeJson(out);
        }
        out.flush();
        return 0;
    }
}
