package org.facecensus.modeltools.tfjs.graph;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assumptions;

/**
 * The reference side of the TF.js graph-model parity tests: runs a {@code model.json} graph model with
 * real TensorFlow.js 4.22 in Node ({@code src/test/node/tfjs-graph-run.js}) on given inputs and returns
 * its outputs, so that a converted ONNX model can be compared with what TF.js itself computes.
 *
 * <pre>{@code
 * TfjsReference.assumeAvailable();
 * Map<String, TfjsReference.Output> out = TfjsReference.run(modelJson,
 *         Map.of("input_1", pixels), Map.of("input_1", new int[] {1, 64, 64, 1}), List.of());
 * float[] probs = out.get("Identity:0").data();
 * }</pre>
 *
 * <p>Each call starts one Node process (about 0.3 s for Node and TF.js, plus model load and run). The
 * npm packages come from {@code $FACECENSUS_TFJS_NODE_MODULES}, else
 * {@code ${PEERS_CACHE:-/tmp/peers-cache}/node/node_modules}, where the peers' setup script installs
 * them; {@code node} is {@code $FACECENSUS_NODE}, else {@code node} on the PATH.
 */
public final class TfjsReference {
    /** The WASM backend (single-threaded SIMD), the one face-api and Human use in Node here. */
    public static final String WASM = "wasm";
    /** TF.js' pure-JavaScript CPU backend: slower, a second opinion on the WASM kernels. */
    public static final String CPU = "cpu";

    static final String INSTALL = "bash ../shared/peers/setup.sh --no-apt --no-build --no-images";

    /** Per call; the CPU backend takes a few seconds on the larger Human models on 2 cores. */
    private static final long TIMEOUT_SECONDS = Long.getLong("facecensus.tfjsTimeoutSeconds", 300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TfjsReference() {
    }

    /** One output tensor: its shape and its values, row-major, converted to float32 whatever TF.js' dtype. */
    public record Output(int[] shape, float[] data) {
    }

    /** A whole run: what ran it, how long the stages took in Node, and the outputs by requested name. */
    public record Result(String backend, String tfjs, String mode, Map<String, Long> timingsMs,
                         Map<String, Output> outputs) {
    }

    /** The npm folder holding {@code @tensorflow/tfjs} and {@code @tensorflow/tfjs-backend-wasm}. */
    public static Path nodeModules() {
        String env = System.getenv("FACECENSUS_TFJS_NODE_MODULES");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String cache = System.getenv("PEERS_CACHE");
        return Path.of(cache == null || cache.isBlank() ? "/tmp/peers-cache" : cache, "node", "node_modules");
    }

    static String nodeExecutable() {
        String env = System.getenv("FACECENSUS_NODE");
        return env == null || env.isBlank() ? "node" : env;
    }

    /** Our Node script, found from the module folder (where surefire runs tests) or the project root. */
    static Path script() {
        String base = System.getProperty("basedir", "");
        for (Path p : List.of(Path.of(base, "src/test/node/tfjs-graph-run.js"),
                Path.of("src/test/node/tfjs-graph-run.js"), Path.of("model-tools/src/test/node/tfjs-graph-run.js"))) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("model-tools/src/test/node/tfjs-graph-run.js not found from "
                + Path.of("").toAbsolutePath() + "; run the tests from the project root or model-tools/");
    }

    /** Whether node and the TF.js packages are present; says nothing about their versions (the runs report those). */
    public static boolean available() {
        return missing() == null;
    }

    /** What is missing, or null. */
    private static String missing() {
        Path nm = nodeModules();
        for (String pkg : List.of("@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm")) {
            if (!Files.isRegularFile(nm.resolve(pkg).resolve("package.json"))) {
                return pkg + " is not installed in " + nm;
            }
        }
        String node = nodeExecutable();
        if (node.contains(File.separator)) {
            return Files.isExecutable(Path.of(node)) ? null : "node is not at " + node;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, node))) {
                return null;
            }
        }
        return "node is not on the PATH";
    }

    /**
     * Skips the calling test when node or TF.js is missing on a developer machine, saying how to install
     * them; on CI (env {@code CI} set) fails instead, because CI installs them and must never skip.
     */
    public static void assumeAvailable() {
        String why = missing();
        if (why == null) {
            return;
        }
        String msg = "TF.js reference unavailable: " + why + ". Install it with `" + INSTALL
                + "` from the project root (Node 18+ and npm needed), or set FACECENSUS_TFJS_NODE_MODULES"
                + " (and FACECENSUS_NODE for another node).";
        if (System.getenv("CI") != null) {
            fail(msg + " CI must install it (.ci/run does).");
        }
        Assumptions.abort(msg);
    }

    /** {@link #run(Path, Map, Map, List, String)} on the WASM backend. */
    public static Map<String, Output> run(Path modelJson, Map<String, float[]> inputs, Map<String, int[]> shapes,
                                          List<String> outputs) {
        return run(modelJson, inputs, shapes, outputs, WASM);
    }

    /**
     * Runs the graph model on the inputs and returns the requested outputs.
     *
     * @param modelJson the TF.js {@code model.json}; its weight shards are read from the same folder
     * @param inputs    placeholder name (node name such as {@code input_1}, or signature key such as
     *                  {@code input_1:0}) to row-major float32 values; an int32 placeholder gets the same
     *                  values as integers (a fractional value fails)
     * @param shapes    the same names to their shapes
     * @param outputs   node names, optionally with {@code :index}, in any part of the graph; empty for the
     *                  model's own outputs (named as TF.js names them, e.g. {@code Identity:0})
     * @param backend   {@link #WASM} or {@link #CPU}
     * @return output name to its tensor, in the requested order (the model's order when none requested)
     */
    public static Map<String, Output> run(Path modelJson, Map<String, float[]> inputs, Map<String, int[]> shapes,
                                          List<String> outputs, String backend) {
        return runFull(modelJson, inputs, shapes, outputs, backend).outputs();
    }

    /** {@link #run(Path, Map, Map, List, String)}, also returning TF.js' version, backend and timings. */
    public static Result runFull(Path modelJson, Map<String, float[]> inputs, Map<String, int[]> shapes,
                                 List<String> outputs, String backend) {
        if (!Files.isRegularFile(modelJson)) {
            throw new IllegalArgumentException("TF.js model " + modelJson + " does not exist");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tfjs-ref");
            Path in = dir.resolve("in.json");
            Path out = dir.resolve("out.json");
            Path log = dir.resolve("node.log");
            Files.writeString(in, inputJson(inputs, shapes));

            List<String> cmd = new ArrayList<>(List.of(nodeExecutable(), script().toString(),
                    "--model", modelJson.toAbsolutePath().toString(), "--input", in.toString(),
                    "--out", out.toString(), "--backend", backend));
            if (!outputs.isEmpty()) {
                cmd.add("--outputs");
                cmd.add(String.join(",", outputs));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // An explicit node_modules for the script, so Java and Node always look in the same place.
            pb.environment().put("FACECENSUS_TFJS_NODE_MODULES", nodeModules().toAbsolutePath().toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError("cannot start " + nodeExecutable() + " (" + e.getMessage()
                        + "); install Node 18+ and run `" + INSTALL + "`", e);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("TF.js on " + modelJson + " (" + backend + ") took over " + TIMEOUT_SECONDS
                        + " s (raise -Dfacecensus.tfjsTimeoutSeconds); output so far:\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("TF.js failed on " + modelJson + " (" + backend + ", exit " + p.exitValue()
                        + "):\n" + tail(log));
            }
            return parse(JSON.readTree(out.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while TF.js ran on " + modelJson, e);
        } finally {
            deleteQuietly(dir);
        }
    }

    static String inputJson(Map<String, float[]> inputs, Map<String, int[]> shapes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode in = root.putObject("inputs");
        for (var e : inputs.entrySet()) {
            int[] shape = shapes.get(e.getKey());
            if (shape == null) {
                throw new IllegalArgumentException("no shape given for input " + e.getKey());
            }
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            if (n != e.getValue().length) {
                throw new IllegalArgumentException("input " + e.getKey() + ": shape " + java.util.Arrays.toString(shape)
                        + " holds " + n + " values, got " + e.getValue().length);
            }
            ObjectNode t = in.putObject(e.getKey());
            var s = t.putArray("shape");
            for (int d : shape) {
                s.add(d);
            }
            t.put("dtype", "float32");
            ByteBuffer b = ByteBuffer.allocate(4 * e.getValue().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(e.getValue());
            t.put("data", Base64.getEncoder().encodeToString(b.array()));
        }
        return JSON.writeValueAsString(root);
    }

    static Result parse(JsonNode doc) {
        Map<String, Output> outs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("outputs").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode shapeNode = e.getValue().get("shape");
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asInt();
            }
            byte[] bytes = Base64.getDecoder().decode(e.getValue().get("data").asText());
            float[] data = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            outs.put(e.getKey(), new Output(shape, data));
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        doc.path("timings_ms").fields().forEachRemaining(e -> timings.put(e.getKey(), e.getValue().asLong()));
        return new Result(doc.path("backend").asText(), doc.path("tfjs").asText(), doc.path("mode").asText(),
                timings, outs);
    }

    /** The last lines Node wrote, without TF.js' banner suggesting tfjs-node (which cannot be installed here). */
    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!l.startsWith("=====") && !l.startsWith("Hi, looks like you are running TensorFlow.js in Node.js")
                    && !l.isBlank()) {
                lines.add(l);
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    /**
     * A Human graph model as TF.js loads it: its {@code model.json} and {@code .bin} side by side (the model store
     * keeps each file in its own folder), copied once per JVM into a temporary folder. Models come from the
     * store ({@code facecensus models fetch}); without them a developer's test is skipped with that command,
     * CI's fails.
     */
    public static synchronized Path humanModel(org.facecensus.modeltools.human.HumanModels.GraphNet net) {
        org.facecensus.model.ModelStore store = org.facecensus.model.ModelStore.defaultStore();
        boolean present = store.status(net.json()) == org.facecensus.model.ModelStore.Status.PRESENT
                && store.status(net.shard()) == org.facecensus.model.ModelStore.Status.PRESENT;
        if (!present) {
            String why = "Human model " + net.name() + " is not in the model store " + store.root()
                    + "; run ./facecensus models fetch";
            if (System.getenv("CI") != null) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        try {
            if (humanDir == null) {
                humanDir = Files.createTempDirectory("facecensus-human-models");
                humanDir.toFile().deleteOnExit();
            }
            Path json = humanDir.resolve(net.json().fileName());
            if (!Files.exists(json)) {
                Files.copy(store.require(net.shard()), humanDir.resolve(net.shard().fileName()));
                Files.copy(store.require(net.json()), json);
            }
            return json;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@link #humanModel(org.facecensus.modeltools.human.HumanModels.GraphNet)} by file name, e.g. {@code gender.json}. */
    public static Path humanModel(String file) {
        return humanModel(org.facecensus.modeltools.human.HumanModels.ALL.stream()
                .filter(n -> n.json().fileName().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Human model " + file)));
    }

    private static Path humanDir;
}
