package org.facecensus.modeltools.faceapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.tfjs.TfjsWeights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facecensus.io.Sha256;

/**
 * Converts a face-api network to ONNX on first use and caches the result beside its {@code .bin}
 * in the model store, as {@code <model>.<key>.onnx}. The key is a sha256 over the pinned sha256s
 * of the manifest and the shard, the converter version and the network's graph revision (see
 * {@link #graphRevision}), so new weights or a changed converter give a new file, never a stale one. The inputs are verified by {@link ModelStore#require} before
 * every conversion or reuse; the file is written atomically.
 *
 * <p>Thread-safety: thread-safe; concurrent first uses in one process convert once (the method is
 * synchronized), concurrent processes at worst convert twice and write identical bytes.
 */
public final class FaceApiOnnxCache {
    private static final Logger LOG = LoggerFactory.getLogger(FaceApiOnnxCache.class);

    private FaceApiOnnxCache() {
    }

    /** The landmark net's ONNX file, converted if not yet cached. */
    public static Path landmark68(ModelStore store) {
        return converted(store, FaceApiModels.LANDMARK_68, FaceApiConverter::landmark68);
    }

    /** The age/gender net's ONNX file, converted if not yet cached. */
    public static Path ageGender(ModelStore store) {
        return converted(store, FaceApiModels.AGE_GENDER, FaceApiConverter::ageGender);
    }

    /** The SSD-MobileNetV1 detector's ONNX file ({@link FaceApiSsd}), converted if not yet cached. */
    public static Path ssdMobilenetV1(ModelStore store) {
        return converted(store, FaceApiModels.SSD_MOBILENETV1, FaceApiSsd::convert);
    }

    /** The TinyFaceDetector's ONNX file ({@link FaceApiTiny}), converted if not yet cached. */
    public static Path tinyFaceDetector(ModelStore store) {
        return converted(store, FaceApiModels.TINY_FACE_DETECTOR, FaceApiTiny::convert);
    }

    /** The face recognition net's ONNX file ({@link FaceApiRecognition}), converted if not yet cached. */
    public static Path faceRecognition(ModelStore store) {
        return converted(store, FaceApiModels.FACE_RECOGNITION, FaceApiRecognition::convert);
    }

    /** The SSD-MobileNetV1 anchors ({@link FaceApiSsd#anchors}), read from the verified TF.js weights. */
    public static float[] ssdMobilenetV1Anchors(ModelStore store) {
        return FaceApiSsd.anchors(weights(store, FaceApiModels.SSD_MOBILENETV1));
    }

    /**
     * The revision of one network's graph, bumped when that graph alone changes (so the other
     * networks' converted files stay valid): empty for an unchanged graph; for the age/gender net,
     * {@code features-output} since it also outputs its pooled features.
     */
    public static String graphRevision(FaceApiModels.Network net) {
        return net.modelName().equals(FaceApiModels.AGE_GENDER.modelName()) ? "features-output" : "";
    }

    /** The cache key: converter version, both input sha256s and the graph revision. */
    public static String key(FaceApiModels.Network net) {
        String revision = graphRevision(net);
        return Sha256.hex(ModelToolsVersion.VERSION + "\n" + net.manifest().sha256() + "\n" + net.shard().sha256()
                + (revision.isEmpty() ? "" : "\n" + revision)).substring(0, 16);
    }

    /** Provenance recorded in the ONNX file's metadata_props. */
    public static Map<String, String> provenance(FaceApiModels.Network net) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source_package", "npm " + FaceApiModels.PACKAGE + "@" + FaceApiModels.VERSION);
        m.put("source_licence", net.shard().licence());
        m.put("source_model", net.modelName());
        m.put("source_files", net.manifest().source().pathInPackage() + " " + net.shard().source().pathInPackage());
        m.put("input_sha256:" + net.manifest().fileName(), net.manifest().sha256());
        m.put("input_sha256:" + net.shard().fileName(), net.shard().sha256());
        m.put("converter", "facecensus-model-tools " + ModelToolsVersion.VERSION);
        if (!graphRevision(net).isEmpty()) {
            m.put("graph_revision", graphRevision(net));
        }
        return m;
    }

    private static synchronized Path converted(ModelStore store, FaceApiModels.Network net,
                                               BiFunction<TfjsWeights, Map<String, String>, ModelProto> convert) {
        Path manifest = store.require(net.manifest());
        Path shard = store.require(net.shard());
        Path onnx = shard.resolveSibling(net.modelName() + "." + key(net) + ".onnx");
        if (Files.isRegularFile(onnx)) {
            return onnx;
        }
        long t0 = System.nanoTime();
        OnnxGraphBuilder.write(convert.apply(weights(manifest, shard, net), provenance(net)), onnx);
        LOG.info("Converted {} to ONNX in {} ms: {}", net.modelName(), (System.nanoTime() - t0) / 1_000_000, onnx);
        return onnx;
    }

    private static TfjsWeights weights(ModelStore store, FaceApiModels.Network net) {
        return weights(store.require(net.manifest()), store.require(net.shard()), net);
    }

    /** The weights from files already verified (each require() hashes the whole file). */
    private static TfjsWeights weights(Path manifest, Path shard, FaceApiModels.Network net) {
        // The store keeps each file in its own folder: resolve the manifest's shard names explicitly.
        return TfjsWeights.read(manifest, name -> {
            if (!name.equals(net.shard().fileName())) {
                throw new org.facecensus.FaceCensusException("The manifest " + manifest + " names shard '" + name
                        + "', expected only " + net.shard().fileName() + "; it is not face-api "
                        + FaceApiModels.VERSION + "'s manifest.");
            }
            return shard;
        });
    }
}
