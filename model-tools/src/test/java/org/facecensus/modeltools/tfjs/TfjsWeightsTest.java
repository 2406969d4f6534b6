package org.facecensus.modeltools.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.FaceCensusException;
import org.facecensus.modeltools.FaceApiFiles;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TF.js reader on face-api's real weights. Reference values: TF.js' own
 * {@code tf.io.decodeWeights} on the same files ({@code src/test/node/tfjs_ref.js}, run once with
 * node 18, @tensorflow/tfjs 4.22.0, @vladmandic/face-api 1.7.15 from the peer tools' npm cache),
 * printed with {@code toPrecision(9)}.
 */
class TfjsWeightsTest {

    private static TfjsWeights read(FaceApiModels.Network net) {
        Path shard = FaceApiFiles.shard(net);
        return TfjsWeights.read(FaceApiFiles.manifest(net), name -> shard);
    }

    @Test
    void shapesAndCountsMatchTheManifest() throws IOException {
        for (FaceApiModels.Network net : List.of(FaceApiModels.LANDMARK_68, FaceApiModels.AGE_GENDER)) {
            TfjsWeights w = read(net);
            JsonNode manifest = new ObjectMapper().readTree(FaceApiFiles.manifest(net).toFile());
            List<String> names = new ArrayList<>();
            long storedBytes = 0;
            for (JsonNode entry : manifest.get(0).get("weights")) {
                String name = entry.get("name").asText();
                names.add(name);
                TfjsTensor t = w.all().get(name);
                int[] shape = new int[entry.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = entry.get("shape").get(i).asInt();
                }
                assertArrayEquals(shape, t.shape(), name);
                assertEquals(TfjsTensor.size(shape), t.data().length, name);
                storedBytes += TfjsTensor.size(shape) * (entry.has("quantization") ? 1 : 4);
            }
            assertEquals(names, new ArrayList<>(w.all().keySet()), "manifest order");
            assertEquals(Files.size(FaceApiFiles.shard(net)), storedBytes, net.modelName() + " shard size");
        }
        assertEquals(49, read(FaceApiModels.LANDMARK_68).all().size());
        assertEquals(51, read(FaceApiModels.AGE_GENDER).all().size());
    }

    @Test
    void dequantisedValuesEqualTfjs() {
        TfjsWeights lm = read(FaceApiModels.LANDMARK_68);
        assertValue(lm, "dense0/conv0/filters", 0, 0.0f);
        assertValue(lm, "dense0/conv0/filters", 1, -0.0679506734f);
        assertValue(lm, "dense0/conv0/filters", 863, -0.0679506734f);
        assertValue(lm, "fc/weights", 0, -0.281272203f);
        assertValue(lm, "fc/weights", 34815, -0.0625049323f);
        assertValue(lm, "fc/bias", 0, 0.0768387765f);
        assertValue(lm, "fc/bias", 135, 0.560964286f);
        assertValue(lm, "dense3/conv3/pointwise_filter", 12345, 0.155901536f);
        TfjsWeights ag = read(FaceApiModels.AGE_GENDER);
        // These biases are stored as plain float32 (no quantization entry).
        assertValue(ag, "entry_flow/conv_in/bias", 0, -0.295012772f);
        assertValue(ag, "entry_flow/conv_in/bias", 31, -0.566391826f);
        assertValue(ag, "fc/age/bias", 0, 1.53342903f);
        assertValue(ag, "fc/gender/weights", 0, -0.119792908f);
        assertValue(ag, "fc/gender/weights", 1023, 0.0359378718f);
        assertValue(ag, "exit_flow/separable_conv/pointwise_filter", 100000, 0.151145458f);
    }

    private static void assertValue(TfjsWeights w, String name, int index, float expected) {
        // TF.js prints 9 significant digits of the same float32: equal to within one part in 1e8.
        float got = w.all().get(name).data()[index];
        assertEquals(expected, got, Math.abs(expected) * 1e-8 + 1e-12, name + "[" + index + "]");
    }

    @Test
    void aTruncatedShardIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        Path shard = dir.resolve("short.bin");
        byte[] all = Files.readAllBytes(FaceApiFiles.shard(FaceApiModels.LANDMARK_68));
        Files.write(shard, java.util.Arrays.copyOf(all, all.length - 100));
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> TfjsWeights.read(FaceApiFiles.manifest(FaceApiModels.LANDMARK_68), name -> shard));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void halfFloatsWiden() {
        assertEquals(1.0f, TfjsWeights.halfToFloat(0x3c00));
        assertEquals(-2.0f, TfjsWeights.halfToFloat(0xc000));
        assertEquals(65504f, TfjsWeights.halfToFloat(0x7bff));
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat(0x0001));
        assertTrue(Float.isInfinite(TfjsWeights.halfToFloat(0x7c00)));
    }
}
