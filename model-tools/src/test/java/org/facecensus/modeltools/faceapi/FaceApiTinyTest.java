package org.facecensus.modeltools.faceapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.FaceApiFiles;
import org.facecensus.modeltools.onnx.Ort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted TinyFaceDetector network against face-api itself on one synthetic 416×416 input
 * ({@code faceapi/tiny_synthetic_reference.json}, from {@code src/test/node/faceapi_tiny_ref.js}, run
 * once: face-api 1.7.15 on TF.js 4.22.0's WASM backend). Every value of the raw 13×13×25 grid must
 * match to 1e-4.
 */
class FaceApiTinyTest {
    @Test
    void rawGridEqualsFaceApi(@TempDir Path dir) throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/faceapi/tiny_synthetic_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        ModelStore store = new ModelStore(dir);
        for (var spec : FaceApiModels.TINY_FACE_DETECTOR.specs()) {
            Path to = store.pathOf(spec);
            Files.createDirectories(to.getParent());
            Files.copy(FaceApiFiles.store().require(spec), to);
        }
        long t0 = System.nanoTime();
        Path onnx = FaceApiOnnxCache.tinyFaceDetector(store);
        long convertMs = (System.nanoTime() - t0) / 1_000_000;
        int s = FaceApiTiny.DEFAULT_INPUT_SIZE;
        float[] input = new float[3 * s * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    input[(c * s + y) * s + x] = (((7 * x + 13 * y + 29 * c) % 256) - FaceApiTiny.MEAN_RGB[c]) / 255f;
                }
            }
        }
        float[] grid = Ort.run(onnx, FaceApiTiny.INPUT, input, 1, 3, s, s).get(FaceApiTiny.GRID);
        JsonNode want = ref.get("grid");
        assertEquals(13 * 13 * 25, grid.length);
        assertEquals(want.size(), grid.length);
        double max = 0;
        for (int i = 0; i < grid.length; i++) {
            max = Math.max(max, Math.abs(grid[i] - want.get(i).asDouble()));
        }
        System.out.printf("tiny_face_detector ONNX vs face-api (synthetic 416x416, 13x13x25 grid): max |diff| %.2e;"
                + " converted in %d ms%n", max, convertMs);
        assertTrue(max < 1e-4, "grid differs by " + max);
        assertEquals(FaceApiModels.TINY_FACE_DETECTOR.shard().sha256(),
                Ort.metadata(onnx).get("input_sha256:tiny_face_detector_model.bin"));
    }
}
