package org.facecensus.detectors.fused;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.facecensus.detect.DetectorOptions;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.blazeface.BlazeFaceFullRangeProvider;
import org.facecensus.detectors.ssd.SsdMobilenetProvider;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code fused}: {@code blazeface-full-range} and {@code ssd-mobilenet} on each image, merged by weighted box
 * fusion ({@link FusedDetector}). {@code --min-score} applies to the fused score; {@code --min-face} is passed
 * to both members. See the README for how the members and the default threshold were chosen.
 *
 * <p>Thread-safety: stateless.
 */
public final class FusedProvider implements FaceDetectorProvider {
    /** The fused score a face needs by default: see the README's measurements. */
    public static final double DEFAULT_MIN_SCORE = 0.4;

    @Override
    public String name() {
        return FusedDetector.NAME;
    }

    @Override
    public String description() {
        return "blazeface-full-range + ssd-mobilenet, merged by weighted box fusion and scored by their agreement";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        // Members keep their own score thresholds; the caller's --min-score is for the fused score.
        ProviderContext members = context.withDetectorOptions(new DetectorOptions(context.detectorOptions().minFaceSize(),
                OptionalDouble.empty()));
        List<FaceDetector> made = new ArrayList<>();
        try {
            made.add(new BlazeFaceFullRangeProvider().create(members));
            made.add(new SsdMobilenetProvider().create(members));
            return new FusedDetector(FusedDetector.NAME, made, true, FusedDetector.DEFAULT_IOU,
                    context.detectorOptions().minScore().orElse(DEFAULT_MIN_SCORE));
        } catch (RuntimeException e) {
            made.forEach(d -> {
                try {
                    d.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            });
            throw e;
        }
    }
}
