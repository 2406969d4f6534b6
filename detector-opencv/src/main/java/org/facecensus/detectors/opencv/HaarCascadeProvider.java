package org.facecensus.detectors.opencv;

import java.util.Optional;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code opencv-haar}: OpenCV's Haar cascade ({@code haarcascade_frontalface_default}, scaleFactor
 * 1.1, minNeighbors 5), the classic baseline. Low priority: it finds fewer real faces and more false
 * ones than BlazeFace, so it is used only when named. {@code --min-face} maps to minSize and
 * {@code --min-score} to a minimum neighbour count.
 *
 * <p>Thread-safety: stateless.
 */
public final class HaarCascadeProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "opencv-haar";
    }

    @Override
    public String description() {
        return "OpenCV " + HaarCascade.OPENCV_VERSION + " Haar cascade (frontalface_default, scaleFactor 1.1,"
                + " minNeighbors 5); score = neighbour count; classic baseline, no landmarks";
    }

    @Override
    public int priority() {
        return 5;
    }

    /** Measured for the README with default settings (tools/eval-eyes.js). */
    @Override
    public Optional<MeasuredRecall> measuredRecall() {
        return Optional.of(MeasuredRecall.onWebfaces(0.689, 0.286, 0.21));
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        HaarCascadeDetector.Builder b = HaarCascadeDetector.builder();
        context.detectorOptions().minFaceSize().ifPresent(px -> b.minSize((int) Math.ceil(px)));
        context.detectorOptions().minScore().ifPresent(b::minScore);
        return b.build();
    }
}
