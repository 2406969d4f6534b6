package org.facecensus.classify.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.transfer.backbone.FeatureExtractorSpec;
import org.facecensus.classify.transfer.backbone.OnnxFeatureExtractor;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-supplied (VGG-Face) backbone path on a stand-in ONNX network whose "conv5 map" is its
 * input itself: the pooled features are then exactly the per-channel means of the preprocessed
 * input, so channel order, mean subtraction and pooling can be checked numerically.
 */
class VggFacePreprocessingTest {

    static Path passThroughNetwork(Path dir) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("vggface_stand_in");
        String x = g.input("input", -1, 3, 224, 224);
        String one = g.scalar("one", 1f);
        String y = g.identity(g.mul(x, one), "features");
        g.output(y, -1, 3, 224, 224);
        Path file = dir.resolve("stand-in.onnx");
        g.write(file);
        return file;
    }

    /** Left half one colour, right half another: average pooling must give their mean. */
    static AlignedFace twoColourFace(int size, int[] left, int[] right) {
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int[] c = x < size / 2 ? left : right;
                for (int k = 0; k < 3; k++) {
                    rgb[(y * size + x) * 3 + k] = (byte) c[k];
                }
            }
        }
        RgbImage img = RgbImage.of(size, size, rgb);
        return AlignedFace.ofCrop(img);
    }

    @Test
    void vggFacePresetFeedsBgrMinusTheVggMeanAndAveragePoolsTheMap(@TempDir Path dir) throws Exception {
        Path file = passThroughNetwork(dir);
        try (OnnxFeatureExtractor e = new OnnxFeatureExtractor(FeatureExtractorSpec.vggFace("features"), file, ExecutionDevice.CPU)) {
            int[] left = {200, 100, 50};
            int[] right = {100, 60, 250};
            float[] f = e.embed(twoColourFace(224, left, right));
            assertEquals(3, f.length);
            // Channel 0 is blue, 1 green, 2 red; each minus the VGG-Face BGR mean, averaged over the map.
            assertEquals((50 + 250) / 2.0 - 93.5940, f[0], 1e-3);
            assertEquals((100 + 60) / 2.0 - 104.7624, f[1], 1e-3);
            assertEquals((200 + 100) / 2.0 - 129.1863, f[2], 1e-3);
            assertEquals(3, e.dimension());
            assertEquals(ModelStore.sha256(file), e.models().get(0).sha256());
            assertTrue(e.models().get(0).licence().contains("non-commercial"));
            // Batched calls give the same vectors as single ones.
            List<float[]> both = e.embedAll(List.of(twoColourFace(224, left, right), twoColourFace(112, right, left)));
            assertEquals(f[0], both.get(0)[0], 1e-6);
            assertEquals(f[2], both.get(0)[2], 1e-6);
            assertEquals((200 + 100) / 2.0 - 129.1863, both.get(1)[2], 1e-2);
        }
    }

    @Test
    void maxPoolingAndRgbOrderWithStdAreAppliedAsDeclared(@TempDir Path dir) {
        Path file = passThroughNetwork(dir);
        FeatureExtractorSpec spec = new FeatureExtractorSpec("custom", 224, 224, FeatureExtractorSpec.ChannelOrder.RGB,
                new float[] {10, 20, 30}, new float[] {2, 4, 5}, FeatureExtractorSpec.Layout.NCHW, "input", "features",
                FeatureExtractorSpec.Pooling.MAX);
        try (OnnxFeatureExtractor e = new OnnxFeatureExtractor(spec, file, ExecutionDevice.CPU)) {
            float[] f = e.embed(twoColourFace(224, new int[] {200, 100, 50}, new int[] {100, 60, 250}));
            assertEquals((200 - 10) / 2.0, f[0], 1e-4);
            assertEquals((100 - 20) / 4.0, f[1], 1e-4);
            assertEquals((250 - 30) / 5.0, f[2], 1e-4);
        }
    }

    @Test
    void aMissingVggFaceFileSaysWhyItIsNotShipped(@TempDir Path dir) {
        FaceCensusException ex = assertThrows(FaceCensusException.class, () -> new OnnxFeatureExtractor(
                FeatureExtractorSpec.vggFace("features"), dir.resolve("vgg_face.onnx"), ExecutionDevice.CPU));
        assertTrue(ex.getMessage().contains("not distributed") && ex.getMessage().contains("224"), ex.getMessage());
    }
}
