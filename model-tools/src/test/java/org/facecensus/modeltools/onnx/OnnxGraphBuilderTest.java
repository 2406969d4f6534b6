package org.facecensus.modeltools.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operator of the builder, run on ONNX Runtime against values worked out by hand. */
class OnnxGraphBuilderTest {

    @Test
    void depthwiseConvAddReluPoolsAndMetadata(@TempDir Path dir) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("t");
        String x = g.input("x", -1, 2, 2, 2);
        // Depthwise 1x1 (group 2): channel 0 times 2, channel 1 times -1; bias 1, 0.
        String w = g.initializer("w", new float[] {2, -1}, 2, 1, 1, 1);
        String b = g.initializer("b", new float[] {1, 0}, 2);
        String c = g.conv(x, w, b, new int[] {1, 1}, Padding.VALID, 2);
        String r = g.relu(g.add(c, g.scalar("one", 1f)));
        String mx = g.maxPool(r, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
        String av = g.averagePool(r, new int[] {2, 2}, new int[] {2, 2}, Padding.VALID);
        g.output(g.identity(g.flatten(g.concat(1, mx, av), 1), "y"), -1, 4);
        g.metadata("source_package", "test").metadata("input_sha256:a.bin", "00");
        Path f = dir.resolve("t.onnx");
        g.write(f);
        float[] in = {1, 2, 3, 4, /* channel 1 */ -1, 0, 1, 2};
        // ch0: 2x+1+1 = 4,6,8,10 -> max 10, mean 7; ch1: -x+1 = 2,1,0,-1 -> relu 2,1,0,0 -> max 2, mean 0.75
        assertArrayEquals(new float[] {10, 2, 7, 0.75f}, Ort.run(f, "x", in, 1, 2, 2, 2).get("y"), 1e-6f);
        Map<String, String> meta = Ort.metadata(f);
        assertEquals("test", meta.get("source_package"));
        assertEquals("00", meta.get("input_sha256:a.bin"));
    }

    @Test
    void samePaddingStrideTwoPadsLikeTensorFlow(@TempDir Path dir) {
        // TF 'same', 3x3, stride 2 on 4x4: output 2x2, one pixel of padding at the bottom/right only.
        OnnxGraphBuilder g = new OnnxGraphBuilder("t");
        String x = g.input("x", 1, 1, 4, 4);
        String w = g.initializer("w", new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 3, 3);
        g.output(g.identity(g.conv(x, w, null, new int[] {2, 2}, Padding.SAME_UPPER, 1), "y"), 1, 1, 2, 2);
        Path f = dir.resolve("s.onnx");
        g.write(f);
        float[] in = new float[16];
        for (int i = 0; i < 16; i++) {
            in[i] = i;
        }
        // Windows start at rows/cols 0 and 2: sums of in[0..2][0..2], in[0..2][2..3], ...
        float[] y = Ort.run(f, "x", in, 1, 1, 4, 4).get("y");
        assertArrayEquals(new float[] {0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10, 2 + 3 + 6 + 7 + 10 + 11,
                8 + 9 + 10 + 12 + 13 + 14, 10 + 11 + 14 + 15}, y, 1e-5f);
    }

    @Test
    void gemmSoftmaxSigmoidMulSubDivReshapePad(@TempDir Path dir) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("t");
        String x = g.input("x", 1, 2);
        String w = g.initializer("w", new float[] {1, 0, 0, 0, 1, 0}, 2, 3);
        String b = g.initializer("b", new float[] {0, 0, 1}, 3);
        String logits = g.gemm(x, w, b);                                    // [x0, x1, 1]
        g.output(g.identity(g.softmax(logits, 1), "p"), 1, 3);
        String s = g.sigmoid(g.div(g.sub(g.mul(logits, g.scalar("two", 2)), g.scalar("c", 2)), g.scalar("d", 2)));
        g.output(g.identity(g.pad(g.reshape(s, 3, 1), new long[] {0, 1, 0, 0}, 5f), "q"), 3, 2);
        g.output(g.identity(g.matMul(x, w), "m"), 1, 3);
        Path f = dir.resolve("g.onnx");
        g.write(f);
        Map<String, float[]> out = Ort.run(f, "x", new float[] {0, -1000}, 1, 2);
        // softmax(0, -1000, 1) = (1, ~0, e) / (1 + e)
        double e = Math.E;
        assertArrayEquals(new float[] {(float) (1 / (1 + e)), 0, (float) (e / (1 + e))}, out.get("p"), 1e-6f);
        // (2l - 2) / 2 = l - 1: sigmoid(-1), sigmoid(-1001) = ~0, sigmoid(0) = 0.5; each row padded on the left by 5
        float s0 = (float) (1 / (1 + Math.exp(1)));
        assertArrayEquals(new float[] {5, s0, 5, 0, 5, 0.5f}, out.get("q"), 1e-6f);
        assertEquals(0f, out.get("m")[0]);
    }

    @Test
    void aReservedNameIsSkippedByGeneratedNamesAndFreeForItsValue(@TempDir Path dir) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("t");
        g.reserve("add_0");        // an output named like the builder's first Add
        String x = g.input("x", 2);
        String a = g.add(x, g.scalar("one", 1f));
        assertEquals("add_1", a);
        g.output(g.identity(a, "add_0"), 2);
        Path f = dir.resolve("r.onnx");
        g.write(f);
        assertArrayEquals(new float[] {2, 3}, Ort.run(f, "x", new float[] {1, 2}, 2).get("add_0"), 0f);
        assertThrows(IllegalArgumentException.class, () -> g.reserve("x"));
    }

    @Test
    void aNameUsedTwiceIsRefused() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("t");
        g.input("x", 1);
        assertThrows(IllegalArgumentException.class, () -> g.scalar("x", 1));
    }
}
