package org.facecensus.benchmarks;


import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.blazeface.BlazeFaceDetector;
import org.facecensus.detectors.blazeface.BlazeFaceVariant;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Param;

/**
 * BlazeFace detection on one decoded photo, one thread, ONNX Runtime with 1 intra-op thread (the
 * peers' "detect" stage, comparable to their single-threaded timings). {@code minFace} trades speed
 * for the smallest face size searched. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar BlazeFace -p image=/tmp/peers-cache/images/png/sample1.png}
 * (add {@code -p variant=BACK_256,FULL_RANGE_192} for both BlazeFace detectors side by side, and
 * {@code -p input=levels,tiles} for the any-size graph against the 256-px tiles)
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class BlazeFaceBenchmark extends DetectorBenchmark {
    /** Smallest face in pixels; 0 keeps the detector's default (1/64 of the longer side). */
    @Param("0")
    public double minFace;

    @Param("true")
    public boolean verify;

    /** {@code BACK_256} ({@code blazeface}) or {@code FULL_RANGE_192} ({@code blazeface-full-range}, never verified). */
    @Param("BACK_256")
    public String variant;

    /** {@code levels}: whole pyramid levels per run (the default); {@code tiles}: 256-px tiles (before). */
    @Param("levels")
    public String input;

    @Override
    protected FaceDetector open() {
        BlazeFaceVariant v = BlazeFaceVariant.valueOf(variant);
        BlazeFaceDetector.Builder b = BlazeFaceDetector.builder().device(ExecutionDevice.CPU).variant(v)
                .anySizeInput(input.equals("levels"));
        if (minFace > 0) {
            b.minFaceSize(minFace);
        }
        if (!verify || v == BlazeFaceVariant.FULL_RANGE_192) {
            b.verifier(null, 0);
        }
        return b.build();
    }
}
