package org.facecensus.benchmarks;

import java.nio.file.Path;

import org.facecensus.detect.Detections;
import org.facecensus.detectors.blazeface.BlazeFaceDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * BlazeFace detection on one decoded photo, one thread, ONNX Runtime with 1 intra-op thread (the
 * peers' "detect" stage, comparable to their single-threaded timings). {@code minFace} trades speed
 * for the smallest face size searched. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar BlazeFace -p image=/tmp/peers-cache/images/png/sample1.png}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class BlazeFaceBenchmark extends OnePhotoOnnxBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    /** Smallest face in pixels; 0 keeps the detector's default (1/64 of the longer side). */
    @Param("0")
    public double minFace;

    @Param("true")
    public boolean verify;

    private RgbImage pixels;
    private BlazeFaceDetector detector;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        BlazeFaceDetector.Builder b = BlazeFaceDetector.builder().device(ExecutionDevice.CPU);
        if (minFace > 0) {
            b.minFaceSize(minFace);
        }
        if (!verify) {
            b.verifier(null, 0);
        }
        detector = b.build();
        detector.detect(pixels);
    }

    @TearDown(Level.Trial)
    public void close() {
        detector.close();
    }

    @Benchmark
    public Detections detect() {
        return detector.detect(pixels);
    }
}
