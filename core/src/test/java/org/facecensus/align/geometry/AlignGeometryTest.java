package org.facecensus.align.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.LandmarkDetectorProvider;
import org.facecensus.spi.ProviderContext;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The aligners' geometry without any detector module: where the eyes land for given landmarks, the
 * warp, and how imutils-eyes finds its landmark detector by name. The same aligners on real dlib and
 * BlazeFace output are tested in detector-dlib-onnx (EyeAlignersTest).
 */
class AlignGeometryTest {
    private static final String PHOTO = "data/dlib-faces/2008_002506.jpg";

    private static RgbImage photo() {
        return ImageLoader.defaults().load(SharedData.file(PHOTO));
    }

    /** 68 iBUG points with the subject's right eye around {@code (rx, ry)} and the left around {@code (lx, ly)}. */
    private static Landmarks ibug(double rx, double ry, double lx, double ly) {
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            double dx = (i % 6) - 2.5;
            pts.add(i >= 36 && i < 42 ? new Point(rx + dx, ry + dx / 5) : i >= 42 && i < 48
                    ? new Point(lx + dx, ly - dx / 5) : new Point((rx + lx) / 2 + i % 7, ry + 40 + i % 5));
        }
        return new Landmarks(LandmarkScheme.IBUG_68, pts);
    }

    @Test
    void cubicWarpWithATranslationByWholePixelsCopiesPixels() {
        RgbImage img = photo();
        RgbImage warped = CubicWarp.warp(img, new double[] {1, 0, -100, 0, 1, -50}, 120, 90);
        assertArrayEquals(ImageOps.crop(img, 100, 50, 120, 90, 0).toByteArray(), warped.toByteArray());
    }

    @Test
    void similarityAlignsKeypointsExactly() {
        List<Point> six = List.of(new Point(180.25, 140.5), new Point(231.75, 131.0), new Point(205, 160),
                new Point(206, 185), new Point(160, 150), new Point(255, 140));
        DetectedFace face = new DetectedFace(new FaceBox(150, 100, 120, 120, 0.9),
                new Landmarks(LandmarkScheme.BLAZEFACE_6, six));
        try (SimilarityAligner aligner = SimilarityAligner.builder().build()) {
            AlignedFace a = aligner.align(photo(), face);
            assertEquals(224, a.crop().width());
            Point r = EyeLevelTransform.apply(a.transform(), face.landmarks().orElseThrow().rightEye());
            Point l = EyeLevelTransform.apply(a.transform(), face.landmarks().orElseThrow().leftEye());
            assertEquals(0.35 * 224, r.x(), 1e-9);
            assertEquals(0.35 * 224, r.y(), 1e-9);
            assertEquals(0.65 * 224, l.x(), 1e-9);
            assertEquals(0.35 * 224, l.y(), 1e-9);
        }
    }

    @Test
    void similarityWithoutKeypointsSaysWhatToUse() {
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> SimilarityAligner.builder().build().align(photo(), new DetectedFace(new FaceBox(10, 10, 50, 50, 1))));
        assertTrue(e.getMessage().contains("imutils-eyes"), e.getMessage());
    }

    @Test
    void customGeometryThroughTheBuilder() {
        Landmarks lm = ibug(180.3, 150.6, 250.9, 140.2);
        try (ImutilsEyesAligner custom = ImutilsEyesAligner.builder().faceWidth(256).faceHeight(300)
                .desiredLeftEye(0.3, 0.4).imutilsRounding(false).build()) {
            AlignedFace a = custom.align(photo(), new DetectedFace(new FaceBox(150, 100, 130, 130, 1), lm));
            assertEquals(256, a.crop().width());
            assertEquals(300, a.crop().height());
            Point r = EyeLevelTransform.apply(a.transform(), lm.rightEye());
            Point l = EyeLevelTransform.apply(a.transform(), lm.leftEye());
            assertEquals(0.3 * 256, r.x(), 1e-9);
            assertEquals(0.4 * 300, r.y(), 1e-9);
            assertEquals(0.7 * 256, l.x(), 1e-9);
            assertEquals(0.4 * 300, l.y(), 1e-9);
        }
        assertEquals("imutils-eyes", FaceCensus.aligner("imutils-eyes").name());
        assertThrows(IllegalArgumentException.class, () -> new AlignerSettings(224, 224, 0.5, 0.35));
    }

    /**
     * Without a detector module imutils-eyes still aligns faces that carry 68 points, and says which
     * landmark detector it needs for one that does not; once one named dlib-68 is there it gets
     * OpenCV's grey image, so that dlib's RGB mean reads imutils' grey values.
     */
    @Test
    void imutilsFindsDlib68ByNameAndGivesItTheGreyImage() {
        RgbImage img = photo();
        DetectedFace bare = new DetectedFace(new FaceBox(150, 100, 130, 130, 1));
        try (ImutilsEyesAligner aligner = ImutilsEyesAligner.builder().build()) {
            FaceCensusException e = assertThrows(FaceCensusException.class, () -> aligner.align(img, bare));
            assertTrue(e.getMessage().contains("landmark detector named 'dlib-68'"), e.getMessage());
        }
        AtomicReference<RgbImage> seen = new AtomicReference<>();
        FaceCensus withDlib68 = FaceCensus.builder().register(new FakeDlib68(seen)).build();
        try (ImutilsEyesAligner aligner = ImutilsEyesAligner.builder().providers(withDlib68).build()) {
            aligner.align(img, bare);
            RgbImage grey = seen.get();
            int rgb = img.rgb(200, 150);
            int r = rgb >> 16 & 0xff;
            int g = rgb >> 8 & 0xff;
            int b = rgb & 0xff;
            int expected = (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
            assertEquals(expected * 0x010101, grey.rgb(200, 150) & 0xffffff);
            aligner.align(img, bare);
            assertSame(grey, seen.get(), "the faces of one image share one grey copy");
        }
    }

    /** A "dlib-68" that records the image it was given and answers fixed points. */
    private static final class FakeDlib68 implements LandmarkDetectorProvider {
        private final AtomicReference<RgbImage> seen;

        FakeDlib68(AtomicReference<RgbImage> seen) {
            this.seen = seen;
        }

        @Override
        public String name() {
            return ImutilsEyesAligner.DEFAULT_LANDMARKS;
        }

        @Override
        public String description() {
            return "test stand-in";
        }

        @Override
        public LandmarkDetector create(ProviderContext context) {
            return new LandmarkDetector() {
                @Override
                public String name() {
                    return ImutilsEyesAligner.DEFAULT_LANDMARKS;
                }

                @Override
                public LandmarkScheme scheme() {
                    return LandmarkScheme.IBUG_68;
                }

                @Override
                public Landmarks locate(RgbImage image, FaceBox box) {
                    seen.set(image);
                    return ibug(180, 150, 250, 140);
                }

                @Override
                public List<ModelInfo> models() {
                    return List.of();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
