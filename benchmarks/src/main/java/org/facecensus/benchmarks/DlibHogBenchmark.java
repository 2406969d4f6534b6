package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.facecensus.detect.Detections;
import org.facecensus.detectors.dlib.hog.DlibHogDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
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
 * dlib HOG detection ({@code dlib-hog}) on one decoded photo, one thread: upsampling, pyramid,
 * features, scan and NMS, i.e. the peer {@code dlib_hog}'s {@code upsample + detect} stages. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar DlibHog -p image=/tmp/peers-cache/images/png/sample1.png}
 * and compare with {@code $PEERS_CACHE/bin/dlib_hog --no-landmarks --repeat 5 --upsample N} on the same file.
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class DlibHogBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    @Param({"0", "1"})
    public int upsample;

    private RgbImage pixels;
    private DlibHogDetector detector;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        detector = DlibHogDetector.builder().upsample(upsample).build();
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
