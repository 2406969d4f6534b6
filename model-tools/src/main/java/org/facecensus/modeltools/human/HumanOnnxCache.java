package org.facecensus.modeltools.human;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.tfjs.graph.TfjsGraphConverter;
import org.facecensus.modeltools.tfjs.graph.TfjsGraphModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facecensus.io.Sha256;

/**
 * Converts a Human graph model to ONNX on first use and caches it beside its {@code .bin} in the model store
 * as {@code <model>.<key>.onnx}; the key is a sha256 over the converter version and revision and both files' pinned
 * sha256s, so new weights or a changed converter give a new file, never a stale one.
 *
 * <p>Thread-safety: thread-safe; concurrent first uses in one process convert once (synchronized), two
 * processes at worst convert twice and write identical bytes (atomically).
 */
public final class HumanOnnxCache {
    private static final Logger LOG = LoggerFactory.getLogger(HumanOnnxCache.class);

    private HumanOnnxCache() {
    }

    /** The ONNX file of {@code net}, converted if not yet cached; both inputs are verified first. */
    public static synchronized Path converted(ModelStore store, HumanModels.GraphNet net) {
        Path json = store.require(net.json());
        Path shard = store.require(net.shard());
        Path onnx = shard.resolveSibling(net.modelName() + "." + key(net) + ".onnx");
        if (Files.isRegularFile(onnx)) {
            return onnx;
        }
        long t0 = System.nanoTime();
        TfjsGraphModel model = read(json, shard, net);
        OnnxGraphBuilder.write(TfjsGraphConverter.convert(model, net.name(), provenance(net)), onnx);
        LOG.info("Converted {} to ONNX in {} ms: {}", net.name(), (System.nanoTime() - t0) / 1_000_000, onnx);
        return onnx;
    }

    /** The verified graph model, its shard resolved in the store. */
    public static TfjsGraphModel graph(ModelStore store, HumanModels.GraphNet net) {
        return read(store.require(net.json()), store.require(net.shard()), net);
    }

    /** The graph model from files already verified (each require() hashes the whole file). */
    private static TfjsGraphModel read(Path json, Path shard, HumanModels.GraphNet net) {
        return TfjsGraphModel.read(json, name -> {
            if (!name.equals(net.shard().fileName())) {
                throw new FaceCensusException("The graph model " + json + " names shard '" + name + "', expected only "
                        + net.shard().fileName() + "; it is not " + HumanModels.PACKAGE + "@" + HumanModels.VERSION
                        + "'s " + net.modelName() + ".");
            }
            return shard;
        });
    }

    /**
     * The cache key: converter version, both input sha256s, and the origin and licence written into the file's
     * metadata, so that a corrected provenance record is not left stale in an earlier conversion.
     */
    public static String key(HumanModels.GraphNet net) {
        return Sha256.hex("tfjs-graph " + ModelToolsVersion.VERSION + "." + TfjsGraphConverter.REVISION + "\n"
                + net.json().sha256() + "\n" + net.shard().sha256() + "\n" + net.origin() + "\n" + net.licence())
                .substring(0, 16);
    }

    /** Provenance written to the ONNX file's metadata_props. */
    public static Map<String, String> provenance(HumanModels.GraphNet net) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source_package", "npm " + HumanModels.PACKAGE + "@" + HumanModels.VERSION);
        m.put("source_model", net.modelName());
        m.put("origin", net.origin());
        m.put("licence", net.licence());
        m.put("input_sha256:" + net.json().fileName(), net.json().sha256());
        m.put("input_sha256:" + net.shard().fileName(), net.shard().sha256());
        m.put("converter", "facecensus-model-tools tfjs-graph " + ModelToolsVersion.VERSION + "." + TfjsGraphConverter.REVISION);
        return m;
    }
}
