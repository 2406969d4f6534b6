package org.facecensus.benchmarks;

import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.dlib.hog.DlibHogDetector;
import org.openjdk.jmh.annotations.Param;

/**
 * dlib HOG detection ({@code dlib-hog}) on one decoded photo, one thread: upsampling, pyramid,
 * features, scan and NMS, i.e. the peer {@code dlib_hog}'s {@code upsample + detect} stages. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar DlibHog -p image=/tmp/peers-cache/images/png/sample1.png}
 * and compare with {@code $PEERS_CACHE/bin/dlib_hog --no-landmarks --repeat 5 --upsample N} on the same file.
 *
 * <p>{@code vectorApi}: the filters' SIMD loops on the Vector API (used when the JVM resolves {@code
 * jdk.incubator.vector}: start the benchmarks with {@code --add-modules jdk.incubator.vector}; JMH's forks inherit
 * it) against the scalar loops; boxes and scores are identical.
 *
 * <p>The detector is pure Java: the shared ONNX Runtime thread setting of {@link OnePhotoOnnxBenchmark} does
 * not touch it.
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class DlibHogBenchmark extends DetectorBenchmark {
    @Param({"0", "1"})
    public int upsample;

    @Param({"true", "false"})
    public boolean vectorApi;

    @Override
    protected FaceDetector open() {
        if (vectorApi && !DlibHogDetector.vectorApiAvailable()) {
            throw new IllegalStateException("vectorApi=true needs a JVM started with --add-modules jdk.incubator.vector"
                    + " (java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ...), or run"
                    + " -p vectorApi=false");
        }
        return DlibHogDetector.builder().upsample(upsample).vectorApi(vectorApi).build();
    }
}
