package org.facecensus.modeltools.faceapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.FaceApiFiles;
import org.facecensus.modeltools.onnx.Ort;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted networks against face-api itself on one synthetic input. The reference,
 * {@code faceapi/synthetic_reference.json}, is face-api 1.7.15 on TF.js 4.22.0's WASM backend
 * ({@code src/test/node/faceapi_synth_ref.js}, run once): the landmark net's raw 136 outputs
 * ({@code runNet}), the age and the gender softmax, for a 112×112 input that needs no resizing.
 */
class FaceApiConverterTest {
    private static JsonNode reference;
    private static float[] input;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = FaceApiConverterTest.class.getResourceAsStream("/faceapi/synthetic_reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        // NCHW, minus face-api's mean RGB, divided by 255, in float32 as TF.js computes it.
        int s = FaceApiConverter.INPUT_SIZE;
        input = new float[3 * s * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    float v = (7 * x + 13 * y + 29 * c) % 256;
                    input[(c * s + y) * s + x] = (v - FaceApiConverter.MEAN_RGB[c]) / 255f;
                }
            }
        }
    }

    /** A private store holding links to the fetched inputs, so conversions land in a temporary folder. */
    private static ModelStore copyStore(Path dir, FaceApiModels.Network net) throws IOException {
        ModelStore store = new ModelStore(dir);
        for (var spec : net.specs()) {
            Path to = store.pathOf(spec);
            Files.createDirectories(to.getParent());
            Files.copy(FaceApiFiles.store().require(spec), to);
        }
        return store;
    }

    @Test
    void landmark68EqualsFaceApi(@TempDir Path dir) throws IOException {
        ModelStore store = copyStore(dir, FaceApiModels.LANDMARK_68);
        Path onnx = FaceApiOnnxCache.landmark68(store);
        assertEquals(onnx, FaceApiOnnxCache.landmark68(store), "second call reuses the cached file");
        float[] got = Ort.run(onnx, FaceApiConverter.INPUT, input, 1, 3, 112, 112).get(FaceApiConverter.LANDMARKS_OUTPUT);
        JsonNode want = reference.get("landmarks_raw");
        assertEquals(136, got.length);
        double max = 0;
        for (int i = 0; i < 136; i++) {
            max = Math.max(max, Math.abs(got[i] - want.get(i).asDouble()));
        }
        System.out.printf("landmark68 ONNX vs face-api (synthetic input): max |diff| %.2e (relative to the crop side)%n", max);
        assertTrue(max < 1e-5, "max diff " + max);

        Map<String, String> meta = Ort.metadata(onnx);
        assertEquals("npm @vladmandic/face-api@1.7.15", meta.get("source_package"));
        assertEquals(FaceApiModels.LANDMARK_68.shard().sha256(), meta.get("input_sha256:face_landmark_68_model.bin"));
        assertEquals(FaceApiModels.LANDMARK_68.manifest().sha256(),
                meta.get("input_sha256:face_landmark_68_model-weights_manifest.json"));
    }

    @Test
    void ageGenderEqualsFaceApi(@TempDir Path dir) throws IOException {
        Path onnx = FaceApiOnnxCache.ageGender(copyStore(dir, FaceApiModels.AGE_GENDER));
        Map<String, float[]> out = Ort.run(onnx, FaceApiConverter.INPUT, input, 1, 3, 112, 112);
        double age = out.get(FaceApiConverter.AGE_OUTPUT)[0];
        float[] gender = out.get(FaceApiConverter.GENDER_OUTPUT);
        System.out.printf("age/gender ONNX vs face-api (synthetic input): age %.5f vs %.5f, p(male) %.7f vs %.7f%n",
                age, reference.get("age").get(0).asDouble(), gender[0], reference.get("gender").get(0).asDouble());
        assertEquals(reference.get("age").get(0).asDouble(), age, 1e-3);
        assertEquals(reference.get("gender").get(0).asDouble(), gender[0], 1e-5);
        assertEquals(reference.get("gender").get(1).asDouble(), gender[1], 1e-5);

        // The pooled features both heads read: 512 averages of ReLU outputs, so none is negative.
        float[] features = out.get(FaceApiConverter.AGE_GENDER_FEATURES_OUTPUT);
        assertEquals(FaceApiConverter.AGE_GENDER_FEATURES, features.length);
        int positive = 0;
        for (float f : features) {
            assertTrue(f >= 0, "pooled ReLU output " + f);
            positive += f > 0 ? 1 : 0;
        }
        assertTrue(positive > 100, positive + " of 512 features are non-zero");
        assertEquals("features-output", Ort.metadata(onnx).get("graph_revision"));
        assertTrue(onnx.getFileName().toString().contains(FaceApiOnnxCache.key(FaceApiModels.AGE_GENDER)));
    }

    @Test
    void theCacheKeyFollowsTheInputs() {
        String a = FaceApiOnnxCache.key(FaceApiModels.LANDMARK_68);
        String b = FaceApiOnnxCache.key(FaceApiModels.AGE_GENDER);
        assertEquals(16, a.length());
        assertTrue(!a.equals(b));
    }
}
