package org.facecensus.backend.onnx;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.Tensor;

/**
 * An {@link OrtSession} behind the backend-neutral {@link InferenceSession}.
 *
 * <p>Thread-safety: {@link #run} is thread-safe (ONNX Runtime allows concurrent Run calls on one
 * session); {@link #close()} is idempotent.
 */
final class OnnxSession implements InferenceSession {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo model;
    private final ExecutionDevice device;
    private final AtomicBoolean closed = new AtomicBoolean();

    OnnxSession(OrtEnvironment env, OrtSession session, ModelInfo model, ExecutionDevice device) {
        this.env = env;
        this.session = session;
        this.model = model;
        this.device = device;
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        if (closed.get()) {
            throw new FaceCensusException("The session for model '" + model.name() + "' is closed; create a new"
                    + " detector instead of reusing a closed one.");
        }
        Map<String, OnnxTensor> ortInputs = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                ortInputs.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()),
                        e.getValue().shape()));
            }
            try (OrtSession.Result result = session.run(ortInputs)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    FloatBuffer buffer = t.getFloatBuffer();
                    float[] data = new float[buffer.remaining()];
                    buffer.get(data);
                    out.put(e.getKey(), new Tensor(data, t.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new FaceCensusException("Inference with model '" + model.name() + "' failed: " + e.getMessage(), e);
        } finally {
            ortInputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public ExecutionDevice device() {
        return device;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new FaceCensusException("Closing the session of model '" + model.name() + "' failed: "
                        + e.getMessage(), e);
            }
        }
    }
}
