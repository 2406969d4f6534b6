package org.facecensus.modeltools.onnx;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs a written ONNX file on ONNX Runtime's CPU provider: one float input, every output flattened. */
public final class Ort {
    private Ort() {
    }

    public static Map<String, float[]> run(Path model, String input, float[] data, long... shape) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = s.run(Map.of(input, t))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (var e : r) {
                OnnxTensor o = (OnnxTensor) e.getValue();
                FloatBuffer fb = o.getFloatBuffer();
                float[] a = new float[fb.remaining()];
                fb.get(a);
                out.put(e.getKey(), a);
            }
            return out;
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, String> metadata(Path model) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            return s.getMetadata().getCustomMetadata();
        } catch (OrtException e) {
            throw new AssertionError(e);
        }
    }
}
