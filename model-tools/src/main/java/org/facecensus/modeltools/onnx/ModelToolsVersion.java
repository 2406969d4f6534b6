package org.facecensus.modeltools.onnx;

/**
 * The converter's version, recorded in every ONNX file it writes and part of the cache key of
 * converted models: bump it whenever a conversion's output changes, so stale caches are rebuilt.
 *
 * <p>Thread-safety: constants only.
 */
public final class ModelToolsVersion {
    /** Converter version; see the class comment. */
    public static final String VERSION = "1";

    private ModelToolsVersion() {
    }
}
