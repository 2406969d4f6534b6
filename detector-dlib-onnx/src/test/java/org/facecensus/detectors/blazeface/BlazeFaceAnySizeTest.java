package org.facecensus.detectors.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.postprocess.Candidate;
import org.facecensus.detectors.tiling.TilePlan;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.blazeface.BlazeFaceAnySize;
import org.facecensus.modeltools.onnx.proto.Onnx.ModelProto;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The any-size BlazeFace graph ({@link BlazeFaceAnySize}) against the pinned fixed-size one, and the detector
 * on whole pyramid levels against the detector on tiles. Needs the models: {@code facecensus models fetch}.
 */
class BlazeFaceAnySizeTest {
    private static final ImageLoader LOADER = ImageLoader.defaults();
    private static final BlazeFaceVariant BACK = BlazeFaceVariant.BACK_256;

    private static RgbImage photo(String relative) {
        return LOADER.load(SharedData.root().resolve(relative));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = BlazeFaceVariant.class, names = {"BACK_256", "FRONT_128"})
    void atTheModelsOwnSizeTheAnySizeGraphGivesTheOriginalsOutputs(BlazeFaceVariant variant) {
        ModelStore store = ModelStore.defaultStore();
        int size = variant.inputSize();
        RgbImage image = ImageOps.resize(photo("dlib-faces/2008_001009.jpg"), size, size);
        Tensor input = new BlazeFacePreprocessor().toTensor(image, 0, 0, size);
        try (InferenceSession fixed = InferenceEngines.open(variant.file(store), variant.info(), ExecutionDevice.CPU);
             InferenceSession any = InferenceEngines.open(variant.anySizeFile(store), variant.info(),
                     ExecutionDevice.CPU)) {
            Map<String, Tensor> a = fixed.run(Map.of(BlazeFacePreprocessor.INPUT, input));
            Map<String, Tensor> b = any.run(Map.of(BlazeFacePreprocessor.INPUT, input));
            assertEquals(a.keySet(), b.keySet());
            for (String name : a.keySet()) {
                float[] x = a.get(name).data();
                float[] y = b.get(name).data();
                assertEquals(x.length, y.length, name);
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    worst = Math.max(worst, Math.abs(x[i] - y[i]));
                }
                assertTrue(worst < 1e-3, name + " differs by " + worst);
            }
        }
    }

    @Test
    void aLargerInputGivesEveryAnchorOfTheGridAndFindsTheSameFaces() {
        ModelStore store = ModelStore.defaultStore();
        RgbImage face = ImageOps.resize(photo("dlib-faces/2008_001009.jpg"), 256, 256);
        BlazeFacePreprocessor pre = new BlazeFacePreprocessor();
        BlazeFaceDecoder decoder = new BlazeFaceDecoder(BACK);
        List<Candidate> alone = new ArrayList<>();
        List<Candidate> inWide = new ArrayList<>();
        try (InferenceSession any = InferenceEngines.open(BACK.anySizeFile(store), BACK.info(), ExecutionDevice.CPU)) {
            decoder.decode(any.run(Map.of(BlazeFacePreprocessor.INPUT, pre.toTensor(face, 0, 0, 256))), 0.65, 0, 0,
                    1, alone);
            // the same picture at x = 256 of a 512×320 grey canvas: 32·20·2 fine and 16·10·6 coarse anchors
            Map<String, Tensor> out = any.run(Map.of(BlazeFacePreprocessor.INPUT,
                    pre.toTensor(face, -256, 0, 512, 320)));
            assertEquals(32 * 20 * 2, out.get("Identity:0").data().length);
            assertEquals(16 * 10 * 6, out.get("Identity_1:0").data().length);
            decoder.decode(out, 512, 320, 0.65, -256, 0, 1, inWide);
        }
        assertTrue(alone.size() >= 2, "faces alone: " + alone.size());
        for (Candidate c : alone) {
            boolean found = inWide.stream().anyMatch(w -> iou(c, w) > 0.8);
            assertTrue(found, "the face at " + c + " was not found again in the wider input");
        }
    }

    @Test
    void wholeLevelsFindTheFacesThatTilesFind() throws Exception {
        // webfaces photos (a few hundred pixels) and dlib's group scenes, each face matched by IoU
        List<Path> photos = new ArrayList<>();
        try (var s = Files.list(SharedData.root().resolve("dlib-faces"))) {
            s.filter(p -> p.toString().endsWith(".jpg")).sorted().forEach(photos::add);
        }
        try (var s = Files.list(SharedData.root().resolve("webfaces/images"))) {
            s.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(40).forEach(photos::add);
        }
        int tileFaces = 0;
        int matched = 0;
        int extra = 0;
        try (BlazeFaceDetector tiles = BlazeFaceDetector.builder().device(ExecutionDevice.CPU).anySizeInput(false)
                .build();
             BlazeFaceDetector levels = BlazeFaceDetector.builder().device(ExecutionDevice.CPU).build()) {
            for (Path p : photos) {
                RgbImage image = LOADER.load(p);
                List<DetectedFace> a = tiles.detect(image).faces();
                List<DetectedFace> b = levels.detect(image).faces();
                tileFaces += a.size();
                for (DetectedFace f : a) {
                    matched += b.stream().anyMatch(g -> iou(f.box(), g.box()) > 0.5) ? 1 : 0;
                }
                for (DetectedFace g : b) {
                    extra += a.stream().anyMatch(f -> iou(f.box(), g.box()) > 0.5) ? 0 : 1;
                }
            }
        }
        // measured: see the README's BlazeFace speed section
        assertTrue(tileFaces > 100, "tile faces " + tileFaces);
        assertTrue(matched >= 0.97 * tileFaces, matched + " of " + tileFaces + " tile faces found on whole levels");
        assertTrue(extra <= 0.05 * tileFaces, extra + " faces found only on whole levels");
    }

    @Test
    void windowsCoverALevelLargerThanTheLimitWithTheOverlapItNeedsAndNoMore() {
        // 2,500 × 700 at most 1,024 a side: three windows of 896 (2,500 + 2·85 = 2,670, / 3, up to 32)
        TilePlan.Level level = new TilePlan.Level(1, 2500, 700, List.of(), 20, 77);
        List<TilePlan.Window> windows = TilePlan.windows(level, 1024, 32);
        assertEquals(3, windows.size());
        for (TilePlan.Window w : windows) {
            assertEquals(896, w.width());
            assertEquals(704, w.height());
        }
        assertEquals(0, windows.get(0).x());
        assertEquals(2500 - 896, windows.get(2).x());
        for (int i = 0; i + 1 < windows.size(); i++) {
            int overlap = windows.get(i).x() + 896 - windows.get(i + 1).x();
            assertTrue(overlap > 77 * 1.1, "overlap " + overlap + " holds the largest face");
        }
        // a 1,920-px photo's finest level: two windows of 704, not two of 1,024
        List<TilePlan.Window> photo = TilePlan.windows(new TilePlan.Level(0.68, 1311, 874, List.of(), 0, 77), 1024, 32);
        assertEquals(2, photo.size());
        assertEquals(704, photo.get(0).width());
        assertEquals(896, photo.get(0).height());
        assertEquals(1, TilePlan.windows(new TilePlan.Level(1, 1000, 1000, List.of(), 20, 77), 1024, 32).size());
    }

    @Test
    void aGraphThatIsNotTheShortRangeExportIsRefusedWithTheVerifyCommand() throws Exception {
        ModelStore store = ModelStore.defaultStore();
        ModelProto full = ModelProto.parseFrom(Files.readAllBytes(BlazeFaceVariant.FULL_RANGE_192.file(store)));
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> BlazeFaceAnySize.transform(full, BACK.spec()));
        assertTrue(e.getMessage().contains("facecensus models verify blazeface-back-256"), e.getMessage());
    }

    private static double iou(Candidate a, Candidate b) {
        return iou(new FaceBox(a.xmin(), a.ymin(), a.xmax() - a.xmin(), a.ymax() - a.ymin(), 1),
                new FaceBox(b.xmin(), b.ymin(), b.xmax() - b.xmin(), b.ymax() - b.ymin(), 1));
    }

    private static double iou(FaceBox a, FaceBox b) {
        return a.iou(b);
    }
}
