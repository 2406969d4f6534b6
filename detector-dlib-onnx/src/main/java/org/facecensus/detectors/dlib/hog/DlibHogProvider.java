package org.facecensus.detectors.dlib.hog;

import java.util.Optional;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code dlib-hog}: dlib's HOG frontal face detector in pure Java (see {@link DlibHogDetector}).
 * Defaults are face_recognition's ({@code upsample 1}); {@link DlibHogOptions}
 * (CLI {@code --upsample}, {@code --scale}) change them, as do the
 * system properties {@code facecensus.dlib-hog.upsample} and {@code facecensus.dlib-hog.scale} (the
 * poster study used upsample 0 after scaling ×2.5); the options win over the properties. {@code minScore} is dlib's {@code adjust_threshold}
 * (default 0); {@code minFaceSize} drops smaller boxes.
 *
 * <p>Thread-safety: stateless.
 */
public final class DlibHogProvider implements FaceDetectorProvider {
    /** System property: times to upsample with dlib's pyramid_up (default 1). */
    public static final String UPSAMPLE_PROPERTY = "facecensus.dlib-hog.upsample";
    /** System property: pre-scale factor, bilinear with half-pixel centres (default 1). */
    public static final String SCALE_PROPERTY = "facecensus.dlib-hog.scale";

    @Override
    public String name() {
        return "dlib-hog";
    }

    @Override
    public String description() {
        return "dlib 19.24 HOG frontal face detector (5 fHOG filters), pure Java, dlib's boxes and scores; faces from ~40 px at upsample 1";
    }

    @Override
    public int priority() {
        return 30;
    }

    /** Measured for the README with default settings (tools/eval-eyes.js). */
    @Override
    public Optional<MeasuredRecall> measuredRecall() {
        return Optional.of(MeasuredRecall.onWebfaces(0.604, 0.025, 0.03));
    }

    @Override
    public java.util.Set<Class<? extends org.facecensus.spi.ProviderOptions>> optionTypes() {
        return java.util.Set.of(DlibHogOptions.class);
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        DlibHogDetector.Builder b = DlibHogDetector.builder().modelStore(context.models());
        try {
            String up = System.getProperty(UPSAMPLE_PROPERTY);
            if (up != null && !up.isBlank()) {
                b.upsample(Integer.parseInt(up.trim()));
            }
            String scale = System.getProperty(SCALE_PROPERTY);
            if (scale != null && !scale.isBlank()) {
                b.scale(Double.parseDouble(scale.trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("Invalid dlib-hog setting (" + e.getMessage() + "): set -D" + UPSAMPLE_PROPERTY
                    + " to 0..4 and -D" + SCALE_PROPERTY + " to a factor in (0, 16].", e);
        }
        try {
            context.options(DlibHogOptions.class).ifPresent(o -> {
                o.upsample().ifPresent(b::upsample);
                o.scale().ifPresent(b::scale);
            });
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("Invalid dlib-hog setting: " + e.getMessage()
                    + ". Use --upsample 0..4 and --scale in (0, 16].", e);
        }
        context.detectorOptions().minScore().ifPresent(b::adjustThreshold);
        context.detectorOptions().minFaceSize().ifPresent(b::minFaceSize);
        return b.build();
    }
}
