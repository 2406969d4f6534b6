package org.facecensus.backend.onnx;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngine;
import org.facecensus.spi.inference.InferenceSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ONNX Runtime as the inference backend. The CPU build ({@code com.microsoft.onnxruntime:onnxruntime})
 * is the default dependency; with {@code onnxruntime_gpu} on the classpath instead and a CUDA
 * device present, {@link ExecutionDevice#AUTO} runs on the GPU. When CUDA is asked for but absent,
 * AUTO logs why and falls back to the CPU; CUDA fails with that reason.
 *
 * <p>Intra-op threads per session: {@code -Dfacecensus.onnx.threads=N} (default 1, because callers
 * parallelise across images; raise it for single-image latency).
 *
 * <p>Thread-safety: thread-safe; sessions it opens may be run from several threads.
 */
public final class OnnxInferenceEngine implements InferenceEngine {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxInferenceEngine.class);
    public static final String THREADS_PROPERTY = "facecensus.onnx.threads";

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public boolean supports(Path modelFile) {
        return modelFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** The shared environment; ONNX Runtime allows one per process. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "facecensus");
    }

    @Override
    public InferenceSession open(Path modelFile, ModelInfo info, ExecutionDevice device) {
        OrtEnvironment env = environment();
        ExecutionDevice actual = resolve(device, info.name());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Integer.getInteger(THREADS_PROPERTY, 1));
            if (actual == ExecutionDevice.CUDA) {
                options.addCUDA(0);
            }
            OrtSession session = env.createSession(modelFile.toString(), options);
            LOG.debug("Opened {} on {} ({})", info.name(), actual, modelFile);
            return new OnnxSession(env, session, info, actual);
        } catch (OrtException e) {
            throw new FaceCensusException("ONNX Runtime cannot load model '" + info.name() + "' from " + modelFile
                    + ": " + e.getMessage() + ". If the file is damaged, delete it and run: facecensus models fetch "
                    + info.name(), e);
        }
    }

    private static ExecutionDevice resolve(ExecutionDevice requested, String model) {
        if (requested == ExecutionDevice.CPU) {
            return ExecutionDevice.CPU;
        }
        String missing = cudaMissingReason();
        if (missing == null) {
            return ExecutionDevice.CUDA;
        }
        if (requested == ExecutionDevice.CUDA) {
            throw new FaceCensusException("CUDA was requested for model '" + model + "' but " + missing
                    + ". Use --device cpu (or -Dfacecensus.device=cpu), or put com.microsoft.onnxruntime:onnxruntime_gpu"
                    + " in place of onnxruntime on the classpath on a machine with an NVIDIA GPU and CUDA 12.");
        }
        LOG.info("Running {} on CPU: {}.", model, missing);
        return ExecutionDevice.CPU;
    }

    /** Null when CUDA can be used, else why not. */
    static String cudaMissingReason() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            return "this ONNX Runtime build has no CUDA execution provider (it is the CPU-only artifact;"
                    + " available: " + providers + ")";
        }
        return null;
    }
}
