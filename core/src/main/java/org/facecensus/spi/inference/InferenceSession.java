package org.facecensus.spi.inference;

import java.util.Map;

import org.facecensus.model.ModelInfo;

/**
 * A loaded network, ready to run. Native memory is held until {@link #close()}.
 *
 * <p>Thread-safety: {@link #run} is safe to call from several threads at once (ONNX Runtime
 * sessions are); {@link #close()} is idempotent and must not race with {@code run}.
 */
public interface InferenceSession extends AutoCloseable {

    /** Runs the network; returns every output by name. */
    Map<String, Tensor> run(Map<String, Tensor> inputs);

    /** The device it actually runs on (never AUTO). */
    ExecutionDevice device();

    ModelInfo model();

    @Override
    void close();
}
