package org.facecensus.modeltools.tfjs.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TF.js reference harness works on a real graph model: Human's {@code gender.json} (oarriaga's
 * face_classification gender CNN, input {@code input_1} [1,64,64,1] grey in [0,1], softmax [1,2]) on
 * real UTKFace crops, with TF.js' WASM and CPU backends. The two backends are independent kernel
 * implementations, so their agreement says the harness feeds and reads tensors correctly.
 */
class TfjsReferenceTest {
    private static final int[] SHAPE = {1, 64, 64, 1};
    private static Path model;

    // Per test, not @BeforeAll: surefire then counts each skipped test and prints why.
    @BeforeEach
    void setUp() {
        TfjsReference.assumeAvailable();
        model = TfjsReference.humanModel("gender.json");
    }

    /** ../shared/data, read in place (never copied into the repository). */
    static Path sharedData() {
        Path root = Path.of(System.getProperty("facecensus.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("data/utkface"))) {
            if (System.getenv("CI") != null) {
                fail("The shared test data folder " + root + "/data/utkface is missing; CI must run beside it.");
            }
            Assumptions.abort("Shared test data not found at " + root + "/data/utkface (set -Dfacecensus.shared=DIR)");
        }
        return root.resolve("data");
    }

    /**
     * A 200×200 UTKFace chip as the model's 64×64 grey input: the central 192×192 pixels, each 3×3 block
     * averaged (an exact integer ratio, so no resampling convention is involved), grey =
     * 0.299 R + 0.587 G + 0.114 B, divided by 255.
     */
    static float[] greyInput(Path jpg) throws IOException {
        BufferedImage img = ImageIO.read(jpg.toFile());
        assertEquals(200, img.getWidth(), jpg + " width");
        assertEquals(200, img.getHeight(), jpg + " height");
        float[] out = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double sum = 0;
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        int rgb = img.getRGB(4 + 3 * x + dx, 4 + 3 * y + dy);
                        sum += 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
                    }
                }
                out[y * 64 + x] = (float) (sum / 9 / 255);
            }
        }
        return out;
    }

    /** The first test-split face of each gender in labels.csv: a fixed, real choice. */
    private static List<String[]> faces() throws IOException {
        List<String> lines = Files.readAllLines(sharedData().resolve("utkface/labels.csv"));
        String[] male = null;
        String[] female = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[1].equals("test") && f[2].equals("male") && male == null) {
                male = f;
            } else if (f[1].equals("test") && f[2].equals("female") && female == null) {
                female = f;
            }
        }
        assertTrue(male != null && female != null, "labels.csv has test faces of both genders");
        return List.of(male, female);
    }

    @Test
    void wasmAndCpuAgreeOnRealFaces() throws IOException {
        for (String[] face : faces()) {
            float[] input = greyInput(sharedData().resolve("utkface").resolve(face[0]));
            long t0 = System.nanoTime();
            TfjsReference.Result wasm = TfjsReference.runFull(model, Map.of("input_1", input),
                    Map.of("input_1", SHAPE), List.of(), TfjsReference.WASM);
            long t1 = System.nanoTime();
            TfjsReference.Result cpu = TfjsReference.runFull(model, Map.of("input_1", input),
                    Map.of("input_1", SHAPE), List.of(), TfjsReference.CPU);
            long t2 = System.nanoTime();

            assertEquals("wasm", wasm.backend());
            assertEquals("cpu", cpu.backend());
            assertEquals("4.22.0", wasm.tfjs(), "the TF.js the peers pin");
            assertEquals(List.of("Identity:0"), List.copyOf(wasm.outputs().keySet()), "the model's own output");
            TfjsReference.Output w = wasm.outputs().get("Identity:0");
            TfjsReference.Output c = cpu.outputs().get("Identity:0");
            assertArrayEquals(new int[] {1, 2}, w.shape());
            assertArrayEquals(new int[] {1, 2}, c.shape());
            assertEquals(1.0, w.data()[0] + w.data()[1], 1e-6, "softmax sums to 1");
            assertTrue(w.data()[0] > 0 && w.data()[1] > 0);
            double diff = Math.max(Math.abs(w.data()[0] - c.data()[0]), Math.abs(w.data()[1] - c.data()[1]));
            System.out.printf("gender.json on %s (%s): wasm [%.6f, %.6f] cpu [%.6f, %.6f] max |diff| %.1e;"
                            + " java->node->java %d ms wasm, %d ms cpu; node stages wasm %s, cpu %s%n",
                    face[0], face[2], w.data()[0], w.data()[1], c.data()[0], c.data()[1], diff,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, wasm.timingsMs(), cpu.timingsMs());
            assertTrue(diff < 1e-5, "wasm and cpu differ by " + diff);
        }
    }

    @Test
    void intermediateNodesCanBeRequested() throws IOException {
        float[] input = greyInput(sharedData().resolve("utkface").resolve(faces().get(0)[0]));
        String relu = "StatefulPartitionedCall/model_1/activation_1/Relu";
        Map<String, TfjsReference.Output> out = TfjsReference.run(model, Map.of("input_1", input),
                Map.of("input_1", SHAPE), List.of(relu, "Identity:0"));
        assertEquals(List.of(relu, "Identity:0"), List.copyOf(out.keySet()), "the requested order");
        // first 3×3 valid conv, 8 filters, then ReLU
        assertArrayEquals(new int[] {1, 62, 62, 8}, out.get(relu).shape());
        assertEquals(62 * 62 * 8, out.get(relu).data().length);
        for (float v : out.get(relu).data()) {
            assertTrue(v >= 0, "ReLU output " + v);
        }
    }

    @Test
    void nodeErrorsReachTheAssertionMessage() {
        AssertionError e = assertThrows(AssertionError.class, () -> TfjsReference.run(model,
                Map.of("no_such_input", new float[64 * 64]), Map.of("no_such_input", SHAPE), List.of()));
        assertTrue(e.getMessage().contains("no_such_input") && e.getMessage().contains("not part of graph"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("Hi, looks like"), "TF.js' tfjs-node banner is left out");
    }
}
