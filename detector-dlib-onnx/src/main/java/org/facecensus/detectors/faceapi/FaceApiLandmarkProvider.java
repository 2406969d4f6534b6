package org.facecensus.detectors.faceapi;

import org.facecensus.detect.LandmarkDetector;
import org.facecensus.spi.LandmarkDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code landmark68-net}: face-api.js' 68-point landmark net (MIT), converted to ONNX on first use.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiLandmarkProvider implements LandmarkDetectorProvider {
    @Override
    public String name() {
        return FaceApiLandmarkDetector.NAME;
    }

    @Override
    public String description() {
        return "face-api.js FaceLandmark68Net (MIT), 68 float landmarks, TF.js weights converted to ONNX on first use";
    }

    @Override
    public int priority() {
        // Below dlib-68 (50), which the aligners were tuned on; choose it by name.
        return 40;
    }

    @Override
    public LandmarkDetector create(ProviderContext context) {
        return new FaceApiLandmarkDetector(context.models(), context.device());
    }
}
