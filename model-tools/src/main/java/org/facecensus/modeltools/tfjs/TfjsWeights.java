package org.facecensus.modeltools.tfjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.FaceCensusException;

/**
 * The weights of a TF.js layers/graph model: a {@code *-weights_manifest.json} and the binary
 * shards it names. Each weight group's shards are concatenated and the entries are read in
 * manifest order, as TF.js' {@code io.decodeWeights} does. Quantised entries ({@code uint8} or
 * {@code uint16} with a {@code quantization {dtype, scale, min}}) are dequantised to
 * {@code value = q * scale + min}, computed in double and stored as float32 like TF.js' Float32Array;
 * {@code float16} quantisation is widened; plain {@code float32} and {@code int32} entries are read
 * as they are (little-endian).
 *
 * <p>Thread-safety: immutable after {@link #read}; safe to share.
 */
public final class TfjsWeights {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TfjsTensor> tensors;

    private TfjsWeights(Map<String, TfjsTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Reads a manifest whose shards lie beside it (the layout of an npm package's model folder). */
    public static TfjsWeights read(Path manifest) {
        Path dir = manifest.toAbsolutePath().getParent();
        return read(manifest, dir::resolve);
    }

    /**
     * Reads a manifest, locating each shard path it names with {@code shards} (the model store keeps
     * every file in its own folder, so shards need not lie beside the manifest).
     */
    public static TfjsWeights read(Path manifest, Function<String, Path> shards) {
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the TF.js weights manifest " + manifest + ": " + e.getMessage()
                    + ". Check that it is the model's *-weights_manifest.json, or fetch it again.", e);
        }
        return fromManifest(root, manifest, shards);
    }

    /**
     * Reads weights described by a manifest already parsed ({@code weightsManifest} inside a graph model's
     * {@code model.json}); {@code manifest} names the file it came from, for messages.
     */
    public static TfjsWeights fromManifest(JsonNode root, Path manifest, Function<String, Path> shards) {
        if (root == null || !root.isArray()) {
            throw new FaceCensusException("The TF.js weights manifest " + manifest + " is not a JSON array of weight"
                    + " groups; is it a *-weights_manifest.json file?");
        }
        Map<String, TfjsTensor> out = new LinkedHashMap<>();
        for (JsonNode group : root) {
            ByteBuffer bytes = concatenate(manifest, group.path("paths"), shards);
            for (JsonNode entry : group.path("weights")) {
                TfjsTensor t = decode(manifest, entry, bytes);
                if (out.put(t.name(), t) != null) {
                    throw new FaceCensusException("The TF.js manifest " + manifest + " names weight '" + t.name()
                            + "' twice; the file is not a valid manifest.");
                }
            }
            if (bytes.hasRemaining()) {
                throw new FaceCensusException("The shards of " + manifest + " hold " + bytes.remaining() + " bytes"
                        + " more than its entries describe: the shards and the manifest do not belong together.");
            }
        }
        return new TfjsWeights(out);
    }

    private static ByteBuffer concatenate(Path manifest, JsonNode paths, Function<String, Path> shards) {
        if (!paths.isArray() || paths.isEmpty()) {
            throw new FaceCensusException("A weight group in " + manifest + " names no shard files ('paths').");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode p : paths) {
            Path shard = Objects.requireNonNull(shards.apply(p.asText()), "shard path");
            try {
                all.write(Files.readAllBytes(shard));
            } catch (NoSuchFileException e) {
                throw new FaceCensusException("The TF.js shard " + shard + " named in " + manifest + " is missing;"
                        + " fetch the model's .bin files too (facecensus models fetch).", e);
            } catch (IOException e) {
                throw new FaceCensusException("Cannot read the TF.js shard " + shard + ": " + e.getMessage(), e);
            }
        }
        return ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static TfjsTensor decode(Path manifest, JsonNode entry, ByteBuffer bytes) {
        String name = entry.path("name").asText();
        JsonNode shapeNode = entry.path("shape");
        if (!shapeNode.isMissingNode() && !shapeNode.isArray()) {
            throw new FaceCensusException("Weight '" + name + "' in " + manifest + " has a shape that is not a list"
                    + " of dimensions: " + shapeNode);
        }
        int[] shape = new int[shapeNode.size()];
        // Checked dimension by dimension: a negative size, or a product past Integer.MAX_VALUE (which a long
        // can also overflow to a small or negative number), would otherwise reach the array allocation below.
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = shapeNode.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToInt() || dim.asInt() < 0) {
                throw new FaceCensusException("Weight '" + name + "' in " + manifest + " has an invalid shape "
                        + shapeNode + ": each dimension must be a whole number, 0 or more.");
            }
            shape[i] = dim.asInt();
            count *= shape[i];
            if (count > Integer.MAX_VALUE) {
                throw new FaceCensusException("Weight '" + name + "' in " + manifest + " is too large: shape "
                        + shapeNode + " has more than " + Integer.MAX_VALUE + " elements.");
            }
        }
        int n = (int) count;
        String dtype = entry.path("dtype").asText("float32");
        JsonNode q = entry.get("quantization");
        String stored = q == null ? dtype : q.path("dtype").asText();
        int width = switch (stored) {
            case "uint8" -> 1;
            case "uint16", "float16" -> 2;
            case "float32", "int32" -> 4;
            default -> throw new FaceCensusException("Weight '" + name + "' in " + manifest + " is stored as '"
                    + stored + "', which this reader does not support (uint8, uint16, float16, float32, int32).");
        };
        if (bytes.remaining() < (long) n * width) {
            throw new FaceCensusException("The shards of " + manifest + " end inside weight '" + name + "' (needs "
                    + (long) n * width + " bytes, " + bytes.remaining() + " left): a shard is truncated or belongs"
                    + " to another version; fetch the model again.");
        }
        // Allocated only now: the shard holds the bytes, so a manifest cannot make us allocate more than it
        // brought (a few bytes of JSON naming a 2-billion-element weight would otherwise exhaust the heap).
        float[] data = new float[n];
        if (q != null && !"float16".equals(stored)) {
            if (width == 4) {
                // TF.js quantises only to uint8, uint16 or float16; a 4-byte "quantised" dtype is a damaged file.
                throw new FaceCensusException("Weight '" + name + "' in " + manifest + " is quantised as '" + stored
                        + "'; TF.js quantisation is uint8, uint16 or float16.");
            }
            if (!q.has("scale") || !q.has("min")) {
                throw new FaceCensusException("Quantised weight '" + name + "' in " + manifest + " has no scale/min;"
                        + " only affine (scale, min) quantisation is supported.");
            }
            double scale = q.get("scale").asDouble();
            double min = q.get("min").asDouble();
            for (int i = 0; i < n; i++) {
                int v = width == 1 ? bytes.get() & 0xff : bytes.getShort() & 0xffff;
                data[i] = (float) (v * scale + min);
            }
        } else if ("float16".equals(stored)) {
            for (int i = 0; i < n; i++) {
                data[i] = halfToFloat(bytes.getShort() & 0xffff);
            }
        } else if ("int32".equals(stored)) {
            for (int i = 0; i < n; i++) {
                data[i] = bytes.getInt();
            }
        } else if (width < 4) {
            // An unquantised uint8/uint16 weight holds its values as they are; reading it as float32 would
            // read 4 bytes per element where the length check above allowed 1 or 2.
            for (int i = 0; i < n; i++) {
                data[i] = width == 1 ? bytes.get() & 0xff : bytes.getShort() & 0xffff;
            }
        } else {
            for (int i = 0; i < n; i++) {
                data[i] = bytes.getFloat();
            }
        }
        return new TfjsTensor(name, shape, data);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mant << 13);
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }

    /** All weights by manifest name, in manifest order. */
    public Map<String, TfjsTensor> all() {
        return tensors;
    }

    /** The weight called {@code name}, with the rank the network expects. */
    public TfjsTensor get(String name, int rank) {
        TfjsTensor t = tensors.get(name);
        if (t == null) {
            throw new FaceCensusException("The TF.js weights have no entry '" + name + "' (they have "
                    + tensors.size() + " entries); the manifest is for another network or version.");
        }
        if (t.rank() != rank) {
            throw new FaceCensusException("TF.js weight '" + name + "' has rank " + t.rank() + ", expected " + rank
                    + "; the manifest is for another network or version.");
        }
        return t;
    }

    /** Names under a prefix, e.g. all {@code fc/} weights; in manifest order. */
    public List<String> namesStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        for (String n : tensors.keySet()) {
            if (n.startsWith(prefix)) {
                names.add(n);
            }
        }
        return names;
    }
}
