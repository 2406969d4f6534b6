package org.facecensus.detectors.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.align.geometry.EyeLevelTransform;
import org.facecensus.align.geometry.ImutilsEyesAligner;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.dlib.shape.DlibShapeDetector;
import org.facecensus.detectors.dlib.shape.ShapeReference;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The eye-level aligners (core's align.geometry) on real photos with this module's dlib-68 and
 * BlazeFace: where the eyes land, and that they come out level. Their geometry alone is tested in core.
 */
class EyeAlignersTest {
    private static final double EYE = 0.35 * 224;
    private static final double OTHER_EYE = 0.65 * 224;
    private static DlibShapeDetector dlib;
    private static ImutilsEyesAligner imutils;

    @BeforeAll
    static void open() {
        dlib = DlibShapeDetector.builder().build();
        imutils = ImutilsEyesAligner.builder().build();
    }

    @AfterAll
    static void close() {
        imutils.close();
        dlib.close();
    }

    private static RgbImage photo(String relative) {
        return ImageLoader.defaults().load(SharedData.root().resolve(relative));
    }

    private static Landmarks points(long[] p) {
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < p.length; i += 2) {
            pts.add(new Point(p[i], p[i + 1]));
        }
        return new Landmarks(LandmarkScheme.IBUG_68, pts);
    }

    private static Point truncated(Point p) {
        return new Point((long) p.x(), (long) p.y());
    }

    /** Faces big enough that imutils' integer eye centres move the result by less than a pixel. */
    private static List<ShapeReference.Face> largeFaces() {
        List<ShapeReference.Face> out = new ArrayList<>();
        for (ShapeReference.Face f : ShapeReference.faces()) {
            if (points(f.points()).leftEye().distance(points(f.points()).rightEye()) >= 70) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void imutilsPutsTheEyesAt035AndTheyComeOutLevel() {
        List<ShapeReference.Face> faces = largeFaces();
        assertTrue(faces.size() >= 8, "large faces: " + faces.size());
        double worstAngle = 0;
        double worstEye = 0;
        for (ShapeReference.Face f : faces) {
            RgbImage img = photo(f.file());
            FaceBox box = new FaceBox(f.left(), f.top(), f.right() - f.left() + 1, f.bottom() - f.top() + 1, 1);
            Landmarks lm = points(f.points());
            AlignedFace aligned = imutils.align(img, new DetectedFace(box, lm));
            assertEquals(224, aligned.crop().width());
            assertEquals(224, aligned.crop().height());
            double[] m = aligned.transform();
            // imutils' eye centres are truncated to integers and their midpoint floor-divided, so the
            // eyes land within half a pixel (times the scale) of the target; the exact centres within ~1.5 px.
            Point right = EyeLevelTransform.apply(m, truncated(lm.rightEye()));
            Point left = EyeLevelTransform.apply(m, truncated(lm.leftEye()));
            assertEquals(EYE, right.x(), 1.0, f.file());
            assertEquals(EYE, right.y(), 1.0, f.file());
            assertEquals(OTHER_EYE, left.x(), 1.0, f.file());
            assertEquals(EYE, left.y(), 1.0, f.file());
            Point exact = EyeLevelTransform.apply(m, lm.rightEye());
            worstEye = Math.max(worstEye, exact.distance(new Point(EYE, EYE)));

            // Re-locate the eyes on the aligned crop, in the face box carried along by the transform.
            double scale = Math.hypot(m[0], m[1]);
            Point c = EyeLevelTransform.apply(m, new Point(box.centerX(), box.centerY()));
            double side = box.width() * scale;
            Landmarks again = dlib.locate(aligned.crop(), new FaceBox(c.x() - side / 2, c.y() - side / 2, side, side, 1));
            Point r2 = again.rightEye();
            Point l2 = again.leftEye();
            double angle = Math.toDegrees(Math.atan2(l2.y() - r2.y(), l2.x() - r2.x()));
            worstAngle = Math.max(worstAngle, Math.abs(angle));
            assertEquals(0, angle, 1.5, "eyes not level after aligning " + f.file());
        }
        System.out.printf("imutils-eyes on %d faces: exact eye centres within %.2f px of target; re-located eye angle <= %.2f deg%n",
                faces.size(), worstEye, worstAngle);
    }

    @Test
    void imutilsRunsDlib68WhenTheFaceHasNoIbugLandmarks() {
        ShapeReference.Face f = largeFaces().get(0);
        RgbImage img = photo(f.file());
        FaceBox box = new FaceBox(f.left(), f.top(), f.right() - f.left() + 1, f.bottom() - f.top() + 1, 1);
        AlignedFace a = imutils.align(img, new DetectedFace(box));
        Point right = EyeLevelTransform.apply(a.transform(), points(f.points()).rightEye());
        // The aligner's own landmarks (on OpenCV grey, as imutils) are within a pixel or two of dlib's on RGB.
        assertEquals(EYE, right.x(), 3.0);
        assertEquals(EYE, right.y(), 3.0);
    }

    @Test
    void similarityAlignsBlazeFaceKeypointsExactly() {
        RgbImage img = photo("dlib-faces/2008_002506.jpg");
        try (FaceDetector blaze = FaceCensus.detector("blazeface");
             FaceAligner aligner = FaceCensus.aligner("similarity-5pt")) {
            List<DetectedFace> faces = blaze.detect(img).faces();
            assertFalse(faces.isEmpty());
            for (DetectedFace face : faces) {
                AlignedFace a = aligner.align(img, face);
                assertEquals(224, a.crop().width());
                Landmarks lm = face.landmarks().orElseThrow();
                assertEquals(LandmarkScheme.BLAZEFACE_6, lm.scheme());
                Point r = EyeLevelTransform.apply(a.transform(), lm.rightEye());
                Point l = EyeLevelTransform.apply(a.transform(), lm.leftEye());
                assertEquals(EYE, r.x(), 1e-9);
                assertEquals(EYE, r.y(), 1e-9);
                assertEquals(OTHER_EYE, l.x(), 1e-9);
                assertEquals(EYE, l.y(), 1e-9);
            }
        }
    }
}
