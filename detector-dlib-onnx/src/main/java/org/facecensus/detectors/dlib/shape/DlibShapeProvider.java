package org.facecensus.detectors.dlib.shape;

import org.facecensus.detect.LandmarkDetector;
import org.facecensus.spi.LandmarkDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code dlib-68}: dlib's 68-point shape predictor in pure Java (model: non-commercial use only).
 *
 * <p>Thread-safety: stateless.
 */
public final class DlibShapeProvider implements LandmarkDetectorProvider {
    @Override
    public String name() {
        return DlibShapeDetector.NAME;
    }

    @Override
    public String description() {
        return "dlib 68-point shape predictor (iBUG 300-W, non-commercial use only), pure Java, dlib's integer points";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public LandmarkDetector create(ProviderContext context) {
        return DlibShapeDetector.builder().modelStore(context.models()).build();
    }
}
