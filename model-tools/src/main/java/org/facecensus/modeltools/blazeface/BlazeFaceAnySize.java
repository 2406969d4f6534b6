package org.facecensus.modeltools.blazeface;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.onnx.ModelToolsVersion;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.proto.Onnx.GraphProto;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.modeltools.onnx.proto.Onnx.NodeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.StringStringEntryProto;
import org.facecensus.modeltools.onnx.proto.Onnx.TensorProto;
import org.facecensus.modeltools.onnx.proto.Onnx.TensorShapeProto;
import org.facecensus.modeltools.onnx.proto.Onnx.ValueInfoProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.facecensus.io.Sha256;

/**
 * Frees the input size of MediaPipe's short-range BlazeFace ONNX files (keijiro's Barracuda exports,
 * fixed at {@code 1×S×S×3}), so that one network run covers a whole pyramid level, or a large tile of it,
 * instead of dozens of overlapping {@code S×S} tiles.
 *
 * <p>The network is convolutional up to its last layers; only four things pin the size, and each is
 * replaced by an operation that gives the same values at the fixed size:
 * <ul>
 *   <li>the input and output shapes: their dimensions become symbolic ({@code batch}, {@code height},
 *       {@code width}, {@code anchors});</li>
 *   <li>the channel paddings before residual additions (2 in the back model, 11 in the front one), exported as
 *       {@code ConstantOfShape(1×C×H×W)}
 *       zeros concatenated on the channel axis: now a {@code Pad} of C zero channels, any size;</li>
 *   <li>the final {@code Reshape}s to {@code [1, anchors, k]}: now {@code [0, -1, k]} (batch kept,
 *       anchors inferred), still row-major over grid rows, columns and anchors per cell;</li>
 *   <li>intermediate shape annotations ({@code value_info}) are dropped; ONNX Runtime infers them.</li>
 * </ul>
 * For an input of {@code H×W} (multiples of 32) the outputs hold {@code (H/16)·(W/16)·2} fine and
 * {@code (H/32)·(W/32)·6} coarse anchors; the regressions stay in input pixels relative to each anchor's
 * cell centre, so they decode as at the fixed size. {@code BlazeFaceAnySizeTest} checks that the result at
 * {@code S×S} equals the original to float precision and that a larger input gives each anchor the values
 * a tile would give it away from the tile's border.
 *
 * <p>The converted file is cached beside the original as {@code <file>.anysize.<key>.onnx}; the key is a
 * sha256 over this transform's revision and the original's pinned sha256.
 *
 * <p>Thread-safety: thread-safe; concurrent first uses in one process convert once (synchronized), two
 * processes at worst write identical bytes (atomically).
 */
public final class BlazeFaceAnySize {
    /** Bumped whenever the transform's output changes, so cached files are remade. */
    public static final int REVISION = 2;
    private static final Logger LOG = LoggerFactory.getLogger(BlazeFaceAnySize.class);

    private BlazeFaceAnySize() {
    }

    /** The any-size ONNX file for the pinned short-range model {@code spec}, converted if not yet cached. */
    public static synchronized Path converted(ModelStore store, ModelSpec spec) {
        Path original = store.require(spec);
        String name = spec.fileName().replaceFirst("\\.onnx$", "");
        Path out = original.resolveSibling(name + ".anysize." + key(spec) + ".onnx");
        if (Files.isRegularFile(out)) {
            return out;
        }
        long t0 = System.nanoTime();
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(original));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + original + " (" + e.getMessage()
                    + "); run: facecensus models verify " + spec.name(), e);
        }
        OnnxGraphBuilder.write(transform(model, spec), out);
        LOG.info("Made the any-size BlazeFace graph in {} ms: {}", (System.nanoTime() - t0) / 1_000_000, out);
        return out;
    }

    /** The cache key: this transform's revision and the original's sha256. */
    static String key(ModelSpec spec) {
        return Sha256.hex("blazeface-anysize " + ModelToolsVersion.VERSION + "." + REVISION + "\n" + spec.sha256())
                .substring(0, 16);
    }

    /**
     * The transformed model. Fails with what was found when the graph is not the expected export (an input
     * other than {@code 1×S×S×3}, a shape-pinning node this transform does not know).
     */
    public static ModelProto transform(ModelProto model, ModelSpec provenance) {
        GraphProto g = model.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            init.put(t.getName(), t);
        }
        if (g.getInputCount() != 1 || g.getInput(0).getType().getTensorType().getShape().getDimCount() != 4) {
            throw notExpected(provenance, "one 4-D input, found " + g.getInputCount() + " inputs");
        }
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
        }
        GraphProto.Builder out = g.toBuilder();
        out.clearNode();
        out.clearValueInfo();
        List<TensorProto> added = new ArrayList<>();
        int pads = 0;
        int reshapes = 0;
        for (NodeProto n : g.getNodeList()) {
            switch (n.getOpType()) {
                case "ConstantOfShape" -> {
                    // dropped: its zeros are now made by the Pad that replaces the Concat below
                }
                case "Concat" -> {
                    NodeProto zeros = n.getInputCount() == 2 ? producers.get(n.getInput(1)) : null;
                    if (zeros == null || !zeros.getOpType().equals("ConstantOfShape")) {
                        throw notExpected(provenance, "a Concat that is not a channel padding: " + n.getOutput(0));
                    }
                    long[] shape = int64s(init.get(zeros.getInput(0)), provenance);
                    if (shape.length != 4 || attributeInt(n, "axis") != 1) {
                        throw notExpected(provenance, "a channel padding on axis 1 of a 4-D value: " + n.getOutput(0));
                    }
                    String padsName = n.getOutput(0) + "_anysize_pads";
                    added.add(int64Tensor(padsName, new long[] {0, 0, 0, 0, 0, shape[1], 0, 0}));
                    out.addNode(NodeProto.newBuilder().setOpType("Pad").setName(n.getOutput(0) + "_anysize")
                            .addInput(n.getInput(0)).addInput(padsName).addAllOutput(n.getOutputList())
                            .build());
                    pads++;
                }
                case "Reshape" -> {
                    long[] shape = int64s(init.get(n.getInput(1)), provenance);
                    if (shape.length != 3 || shape[0] != 1) {
                        throw notExpected(provenance, "a final Reshape to [1, anchors, k]: " + n.getOutput(0));
                    }
                    String shapeName = n.getOutput(0) + "_anysize_shape";
                    added.add(int64Tensor(shapeName, new long[] {0, -1, shape[2]}));
                    out.addNode(n.toBuilder().setInput(1, shapeName).build());
                    reshapes++;
                }
                default -> out.addNode(n);
            }
        }
        if (reshapes != 4) {
            throw notExpected(provenance, "4 output reshapes, found " + reshapes);
        }
        out.addAllInitializer(added);
        out.setInput(0, symbolic(g.getInput(0), "batch", "height", "width", null));
        for (int i = 0; i < g.getOutputCount(); i++) {
            out.setOutput(i, symbolic(g.getOutput(i), "batch", "anchors", null, null));
        }
        ModelProto.Builder m = model.toBuilder().setGraph(out);
        m.addMetadataProps(entry("facecensus_transform", "blazeface-anysize " + ModelToolsVersion.VERSION + "."
                + REVISION));
        m.addMetadataProps(entry("input_sha256:" + provenance.fileName(), provenance.sha256()));
        return m.build();
    }

    /** The value's shape with the given dimensions made symbolic (null keeps a dimension fixed). */
    private static ValueInfoProto symbolic(ValueInfoProto v, String... names) {
        ValueInfoProto.Builder b = v.toBuilder();
        TensorShapeProto.Builder shape = b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        for (int d = 0; d < shape.getDimCount() && d < names.length; d++) {
            if (names[d] != null) {
                shape.setDim(d, TensorShapeProto.Dimension.newBuilder().setDimParam(names[d]));
            }
        }
        return b.build();
    }

    private static long attributeInt(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(a -> a.getI()).orElse(Long.MIN_VALUE);
    }

    private static long[] int64s(TensorProto t, ModelSpec provenance) {
        if (t == null || t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            throw notExpected(provenance, "an int64 shape constant");
        }
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] v = new long[raw.remaining() / 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = raw.getLong();
        }
        return v;
    }

    private static TensorProto int64Tensor(String name, long[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            raw.putLong(v);
        }
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).setRawData(ByteString.copyFrom(raw.array())).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static FaceCensusException notExpected(ModelSpec spec, String what) {
        return new FaceCensusException("The BlazeFace graph " + spec.fileName() + " is not the expected "
                + "short-range export (expected " + what + "); run: facecensus models verify " + spec.name());
    }
}
