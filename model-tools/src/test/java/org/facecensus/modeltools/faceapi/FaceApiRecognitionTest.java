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
 * The converted FaceRecognitionNet against face-api itself on one synthetic 150×150 input
 * ({@code faceapi/descriptor_synthetic_reference.json}, from
 * {@code src/test/node/faceapi_descriptor_ref.js --synthetic}, run once: face-api 1.7.15 on TF.js
 * 4.22.0's WASM backend). All 128 values must match to 1e-4.
 */
class FaceApiRecognitionTest {
    @Test
    void descriptorEqualsFaceApi(@TempDir Path dir) throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/faceapi/descriptor_synthetic_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        ModelStore store = new ModelStore(dir);
        for (var spec : FaceApiModels.FACE_RECOGNITION.specs()) {
            Path to = store.pathOf(spec);
            Files.createDirectories(to.getParent());
            Files.copy(FaceApiFiles.store().require(spec), to);
        }
        long t0 = System.nanoTime();
        Path onnx = FaceApiOnnxCache.faceRecognition(store);
        long convertMs = (System.nanoTime() - t0) / 1_000_000;
        int s = FaceApiRecognition.INPUT_SIZE;
        float[] input = new float[3 * s * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    input[(c * s + y) * s + x] = (((7 * x + 13 * y + 29 * c) % 256) - FaceApiConverter.MEAN_RGB[c]) / 255f;
                }
            }
        }
        float[] got = Ort.run(onnx, FaceApiRecognition.INPUT, input, 1, 3, s, s).get(FaceApiRecognition.OUTPUT);
        JsonNode want = ref.get("descriptor");
        assertEquals(FaceApiRecognition.DIMENSION, got.length);
        assertEquals(want.size(), got.length);
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(got[i] - want.get(i).asDouble()));
        }
        System.out.printf("face_recognition ONNX vs face-api (synthetic 150x150, 128-d): max |diff| %.2e;"
                + " converted in %d ms%n", max, convertMs);
        assertTrue(max < 1e-4, "descriptor differs by " + max);
        assertEquals(FaceApiModels.FACE_RECOGNITION.shard().sha256(),
                Ort.metadata(onnx).get("input_sha256:face_recognition_model.bin"));
    }
}
