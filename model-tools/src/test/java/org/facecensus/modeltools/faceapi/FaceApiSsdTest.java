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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted SSD-MobileNetV1 network against face-api itself on one synthetic 512×512 input
 * ({@code faceapi/ssd_synthetic_reference.json}, from {@code src/test/node/faceapi_ssd_ref.js}, run
 * once: face-api 1.7.15 on TF.js 4.22.0's WASM backend). The raw box encodings and class logits of
 * every 8th anchor must match to 1e-4; the anchors must be face-api's 5118.
 */
class FaceApiSsdTest {
    @Test
    void rawOutputsEqualFaceApi(@TempDir Path dir) throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/faceapi/ssd_synthetic_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        ModelStore store = new ModelStore(dir);
        for (var spec : FaceApiModels.SSD_MOBILENETV1.specs()) {
            Path to = store.pathOf(spec);
            Files.createDirectories(to.getParent());
            Files.copy(FaceApiFiles.store().require(spec), to);
        }
        long t0 = System.nanoTime();
        Path onnx = FaceApiOnnxCache.ssdMobilenetV1(store);
        long convertMs = (System.nanoTime() - t0) / 1_000_000;
        int s = FaceApiSsd.INPUT_SIZE;
        float[] input = new float[3 * s * s];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    input[(c * s + y) * s + x] = ((7 * x + 13 * y + 29 * c) % 256) / 127.5f - 1f;
                }
            }
        }
        Map<String, float[]> out = Ort.run(onnx, FaceApiSsd.INPUT, input, 1, 3, s, s);
        float[] box = out.get(FaceApiSsd.BOX_ENCODINGS);
        float[] cls = out.get(FaceApiSsd.CLASS_PREDICTIONS);
        assertEquals(FaceApiSsd.ANCHORS * 4, box.length);
        assertEquals(FaceApiSsd.ANCHORS * 3, cls.length);
        double maxBox = 0;
        double maxCls = 0;
        JsonNode idx = ref.get("anchor_index");
        for (int j = 0; j < idx.size(); j++) {
            int a = idx.get(j).asInt();
            for (int k = 0; k < 4; k++) {
                maxBox = Math.max(maxBox, Math.abs(box[a * 4 + k] - ref.get("box_encodings").get(j).get(k).asDouble()));
            }
            for (int k = 0; k < 3; k++) {
                maxCls = Math.max(maxCls, Math.abs(cls[a * 3 + k] - ref.get("class_predictions").get(j).get(k).asDouble()));
            }
        }
        System.out.printf("ssd_mobilenetv1 ONNX vs face-api (synthetic 512x512, %d anchors): max |diff| box encodings"
                + " %.2e, class logits %.2e; converted in %d ms%n", idx.size(), maxBox, maxCls, convertMs);
        assertTrue(maxBox < 1e-4, "box encodings differ by " + maxBox);
        assertTrue(maxCls < 1e-4, "class logits differ by " + maxCls);

        float[] anchors = FaceApiOnnxCache.ssdMobilenetV1Anchors(store);
        assertEquals(FaceApiSsd.ANCHORS * 4, anchors.length);
        assertEquals(FaceApiModels.SSD_MOBILENETV1.shard().sha256(),
                Ort.metadata(onnx).get("input_sha256:ssd_mobilenetv1_model.bin"));
    }
}
