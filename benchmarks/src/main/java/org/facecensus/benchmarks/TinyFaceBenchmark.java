package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.facecensus.detect.Detections;
import org.facecensus.detectors.tiny.TinyFaceDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * tiny-face (face-api's TinyFaceDetector, inputSize 416) detection on one decoded photo, one thread, ONNX
 * Runtime with 1 intra-op thread: comparable with the face-api peer's single-threaded WASM
 * {@code detect} stage with {@code --detector tiny}. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar TinyFace -p image=/tmp/peers-cache/images/png/sample1.png}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dfacecensus.onnx.threads=1")
@Threads(1)
public class TinyFaceBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private RgbImage pixels;
    private TinyFaceDetector detector;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        detector = new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
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
