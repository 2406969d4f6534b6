package org.facecensus.modeltools.tfjs.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.facecensus.modeltools.human.HumanModels;
import org.facecensus.modeltools.human.HumanModels.GraphNet;
import org.facecensus.modeltools.onnx.OnnxGraphBuilder;
import org.facecensus.modeltools.onnx.Ort;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Human graph model FaceCensus runs, converted by {@link TfjsGraphConverter}, against TensorFlow.js 4.22
 * (WASM backend, the peers' install) on the same 20 real faces (UTKFace test crops) in one batch: every output
 * value agrees within 1e-4 (relative to the value's size when it exceeds 1, e.g. ages in years or box offsets
 * in pixels). Inputs are in each model's own range (Human's pre-processing).
 */
class HumanZooParityTest {
    static final int FACES = 20;
    static final double TOLERANCE = 1e-4;

    @TempDir
    static Path tmp;

    static Stream<GraphNet> models() {
        return HumanModels.ALL.stream();
    }

    /** Scale and offset that put 0..1 pixels into the model's input range, as Human feeds it. */
    static float[] range(GraphNet net) {
        return switch (net.modelName()) {
            case "gender", "facemesh-detection-full" -> new float[] {2, -1};   // [-1, 1]
            case "gender-ssrnet-imdb", "age", "faceres", "faceres-deep" -> new float[] {255, 0};
            default -> new float[] {1, 0};                                    // gear, mobilefacenet: 0..1
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void convertedModelMatchesTfjsOnRealFaces(GraphNet net) throws IOException {
        TfjsReference.assumeAvailable();
        Path json = TfjsReference.humanModel(net);
        TfjsGraphModel model = TfjsGraphModel.read(json);
        assertEquals(java.util.Set.of(), TfjsGraphConverter.unsupportedOps(model), "every op of the model is supported");
        Path onnx = tmp.resolve(net.modelName() + ".onnx");
        OnnxGraphBuilder.write(TfjsGraphConverter.convert(model, net.name(), Map.of()), onnx);

        String input = model.inputs().keySet().iterator().next();
        long[] declared = model.inputs().get(input);
        int h = (int) declared[1];
        int w = (int) declared[2];
        int c = (int) declared[3];
        float[] data = faces(h, w, c, range(net));
        int[] shape = {FACES, h, w, c};

        TfjsReference.Result reference = TfjsReference.runFull(json, Map.of(input, data), Map.of(input, shape), List.of(),
                TfjsReference.WASM);
        Map<String, float[]> converted = Ort.run(onnx, input, data, FACES, h, w, c);
        StringBuilder report = new StringBuilder(net.name() + " (" + model.nodes().size() + " nodes): ");
        for (int i = 0; i < model.outputs().size(); i++) {
            String tensor = model.outputs().get(i);
            String name = model.outputNames().get(i);
            TfjsReference.Output expected = reference.outputs().get(tensor);
            if (expected == null) {
                expected = reference.outputs().get(tensor.endsWith(":0") ? tensor : tensor + ":0");
            }
            if (expected == null) {
                expected = reference.outputs().get(name); // TF.js names signature outputs by their keys
            }
            float[] actual = converted.get(name);
            assertTrue(expected != null && actual != null, "output " + tensor + " / " + name + ": TF.js gave "
                    + reference.outputs().keySet() + ", ONNX " + converted.keySet());
            assertEquals(expected.data().length, actual.length, name + " size");
            double maxAbs = 0;
            double maxRel = 0;
            for (int k = 0; k < actual.length; k++) {
                double d = Math.abs(actual[k] - expected.data()[k]);
                maxAbs = Math.max(maxAbs, d);
                maxRel = Math.max(maxRel, d / Math.max(1, Math.abs(expected.data()[k])));
            }
            report.append(String.format(java.util.Locale.ROOT, "%s %s max |diff| %.1e (relative %.1e); ", name,
                    java.util.Arrays.toString(expected.shape()), maxAbs, maxRel));
            assertTrue(maxRel <= TOLERANCE, report.toString());
        }
        System.out.println(report);
    }

    /**
     * The first {@value #FACES} UTKFace test crops, resized to {@code h×w} (bicubic, Java2D) and, for one channel,
     * made grey (0.299 R + 0.587 G + 0.114 B), as 0..1 values times {@code range[0]} plus {@code range[1]}, NHWC.
     */
    static float[] faces(int h, int w, int c, float[] range) throws IOException {
        Path utk = TfjsReferenceTest.sharedData().resolve("utkface");
        List<String> lines = Files.readAllLines(utk.resolve("labels.csv"));
        List<Path> files = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            if (f[1].equals("test") && files.size() < FACES) {
                files.add(utk.resolve(f[0]));
            }
        }
        float[] out = new float[FACES * h * w * c];
        int k = 0;
        for (Path file : files) {
            BufferedImage src = ImageIO.read(file.toFile());
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    float r = (rgb >> 16 & 0xff) / 255f;
                    float gr = (rgb >> 8 & 0xff) / 255f;
                    float b = (rgb & 0xff) / 255f;
                    if (c == 1) {
                        out[k++] = (0.299f * r + 0.587f * gr + 0.114f * b) * range[0] + range[1];
                    } else {
                        out[k++] = r * range[0] + range[1];
                        out[k++] = gr * range[0] + range[1];
                        out[k++] = b * range[0] + range[1];
                    }
                }
            }
        }
        assertEquals(out.length, k);
        return out;
    }
}
