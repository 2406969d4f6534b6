package org.facecensus.classify.transfer.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelStore;
import org.facecensus.io.Sha256;

/**
 * Features already computed, keyed by the sha256 of the image file's bytes and by the exact feature
 * definition ({@link org.facecensus.classify.transfer.backbone.Backbone#featureKey()}: backbone,
 * weights digest, crop, flip), so that re-training and re-evaluating skip the backbone and take
 * seconds, while a changed image, backbone or presentation is never served stale features.
 *
 * <p><b>Location.</b> {@code -Dfacecensus.embeddings=DIR}, else {@code $FACECENSUS_EMBEDDINGS}, else
 * the folder {@code embeddings} beside the model store (by default {@code ~/.cache/facecensus/embeddings}).
 * Not under /tmp: re-training days later should still be fast. Not inside the model folder: the
 * model store holds only verified downloads. Safe to delete at any time.
 *
 * <p>One file per feature definition ({@code <first 16 hex of sha256(featureKey)>.bin}): a header
 * line with the key, then records of 32 digest bytes, a dimension and the floats. New records are
 * appended by {@link #flush()}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class EmbeddingCache {
    public static final String DIR_PROPERTY = "facecensus.embeddings";
    public static final String DIR_ENV = "FACECENSUS_EMBEDDINGS";
    private static final int MAGIC = 0x46434531; // "FCE1"

    private final Path dir;
    private final Path file;
    private final String featureKey;
    private final Map<String, float[]> entries = new HashMap<>();
    private final Map<String, float[]> pending = new LinkedHashMap<>();
    private final boolean enabled;

    private EmbeddingCache(Path dir, String featureKey, boolean enabled) {
        this.dir = dir;
        this.featureKey = featureKey;
        this.enabled = enabled;
        this.file = dir == null ? null : dir.resolve(HexFormat.of().formatHex(Sha256.digest(featureKey.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16) + ".bin");
        if (enabled) {
            load();
        }
    }

    /** The cache for this feature definition in {@code dir}. */
    public static EmbeddingCache open(Path dir, String featureKey) {
        return new EmbeddingCache(dir, featureKey, true);
    }

    /**
     * The cache of another feature definition in the same folder (disabled when this one is): a composite
     * backbone keeps each part's features under the part's own key, so trying a new combination reuses them.
     */
    public EmbeddingCache sibling(String otherFeatureKey) {
        return enabled ? open(dir, otherFeatureKey) : disabled();
    }

    /** A cache that stores nothing (every lookup misses). */
    public static EmbeddingCache disabled() {
        return new EmbeddingCache(null, "", false);
    }

    /** The configured default folder (see the class comment). */
    public static Path defaultDirectory() {
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path models = ModelStore.defaultDirectory().toAbsolutePath();
        return (models.getParent() == null ? models : models.getParent()).resolve("embeddings");
    }

    /** Lower-case hex sha256 of an image file's bytes: the cache key of its features. */
    public static String contentHash(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    public synchronized Optional<float[]> get(String contentHash) {
        float[] v = entries.get(contentHash);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    public synchronized void put(String contentHash, float[] features) {
        if (enabled && !entries.containsKey(contentHash)) {
            entries.put(contentHash, features.clone());
            pending.put(contentHash, features.clone());
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Appends the new entries to the cache file; a failure to write only costs speed next time. */
    public synchronized void flush() {
        if (!enabled || pending.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                if (fresh) {
                    out.writeInt(MAGIC);
                    out.writeUTF(featureKey);
                }
                HexFormat hex = HexFormat.of();
                for (Map.Entry<String, float[]> e : pending.entrySet()) {
                    out.write(hex.parseHex(e.getKey()));
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            pending.clear();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(EmbeddingCache.class).warn("Cannot write the embedding cache {}: {}", file,
                    e.getMessage());
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(featureKey)) {
                throw new FaceCensusException("Embedding cache file " + file + " does not belong to these features;"
                        + " delete it (the cache is rebuilt automatically).");
            }
            HexFormat hex = HexFormat.of();
            byte[] digest = new byte[32];
            while (true) {
                try {
                    in.readFully(digest);
                } catch (EOFException end) {
                    break;
                }
                int n = in.readInt();
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.readFloat();
                }
                entries.put(hex.formatHex(digest), v);
            }
        } catch (EOFException truncated) {
            // A run killed while appending leaves a partial last record; the complete ones are kept.
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read embedding cache " + file + ": " + e.getMessage()
                    + "; delete it (it is rebuilt automatically).", e);
        }
    }
}
