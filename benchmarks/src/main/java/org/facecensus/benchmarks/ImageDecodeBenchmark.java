package org.facecensus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a real photo from memory to 8-bit sRGB, single thread (the peers' "decode" stage).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ImageDecode -p image=/tmp/peers-cache/images/sample1.jpg}
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImageDecodeBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private byte[] bytes;
    private final ImageLoader loader = ImageLoader.defaults();

    @Setup
    public void read() throws Exception {
        bytes = Files.readAllBytes(Path.of(image));
    }

    @Benchmark
    public RgbImage decode() {
        return loader.decode(bytes, image);
    }
}
