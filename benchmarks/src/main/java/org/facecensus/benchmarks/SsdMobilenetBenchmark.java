package org.facecensus.benchmarks;

import java.nio.file.Path;

import org.facecensus.detect.Detections;
import org.facecensus.detectors.ssd.SsdMobilenetDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ssd-mobilenet (face-api's SSD-MobileNetV1) detection on one decoded photo, one thread, ONNX
 * Runtime with 1 intra-op thread: comparable with the face-api peer's single-threaded WASM
 * {@code detect} stage (≈ 345 ms on the 1920-px samples). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar SsdMobilenet -p image=/tmp/peers-cache/images/png/sample1.png}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class SsdMobilenetBenchmark extends OnePhotoOnnxBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private RgbImage pixels;
    private SsdMobilenetDetector detector;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        detector = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
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
