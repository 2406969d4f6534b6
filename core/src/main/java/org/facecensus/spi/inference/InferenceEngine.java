package org.facecensus.spi.inference;

import java.nio.file.Path;

import org.facecensus.model.ModelInfo;

/**
 * Opens model files as {@link InferenceSession}s: the pluggable backend (ONNX Runtime on CPU or
 * CUDA today). Found with {@link java.util.ServiceLoader}; register in
 * {@code META-INF/services/org.facecensus.spi.inference.InferenceEngine}.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface InferenceEngine {

    /** e.g. {@code onnxruntime}. */
    String name();

    /** Whether this engine reads files of this kind (by extension or content). */
    boolean supports(Path modelFile);

    InferenceSession open(Path modelFile, ModelInfo info, ExecutionDevice device);
}
