package org.facecensus.examples;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.FaceDetectorProvider;
import org.facecensus.spi.ProviderContext;

/**
 * A detector plugin, as the README describes: {@code largest-face} keeps only the largest face the
 * best available detector finds (for portrait collections with one sitter per image). Registered in
 * {@code META-INF/services/org.facecensus.spi.FaceDetectorProvider}; select it with
 * {@code --detector largest-face} or {@code FaceCensus.detector("largest-face")}.
 *
 * <p>Thread-safety: stateless; the detector it makes is as thread-safe as the one it wraps.
 */
public final class LargestFaceProvider implements FaceDetectorProvider {
    @Override
    public String name() {
        return "largest-face";
    }

    @Override
    public String description() {
        return "Example plugin: the largest face found by blazeface";
    }

    @Override
    public int priority() {
        // Below the built-ins: used only when asked for by name.
        return -10;
    }

    @Override
    public FaceDetector create(ProviderContext context) {
        FaceDetector inner = FaceCensus.defaults().withContext(context).createDetector("blazeface");
        return new FaceDetector() {
            @Override
            public String name() {
                return "largest-face";
            }

            @Override
            public Detections detect(RgbImage image) {
                Detections all = inner.detect(image);
                return new Detections(all.faces().stream()
                        .max(Comparator.comparingDouble(f -> f.box().area())).stream().toList(), all.timings());
            }

            @Override
            public List<ModelInfo> models() {
                return inner.models();
            }

            @Override
            public Map<String, Object> parameters() {
                return inner.parameters();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
