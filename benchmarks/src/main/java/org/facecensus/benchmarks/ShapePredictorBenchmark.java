package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.facecensus.detectors.dlib.shape.DlibShapeDetector;
import org.facecensus.detectors.dlib.shape.ShapePredictor;
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
 * dlib-68 landmarks, time per face, one thread: the peers' {@code landmarks} stage divided by the
 * number of faces. Each invocation predicts the next of the given dlib rectangles
 * ({@code left,top,right,bottom;...}, by default those dlib's HOG detector finds at upsample 0 on
 * the face-api sample1 photo). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ShapePredictor -p image=/tmp/peers-cache/images/png/sample1.png}
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ShapePredictorBenchmark {
    @Param("/tmp/peers-cache/images/png/sample1.png")
    public String image;

    @Param("376,376,591,591;1451,233,1666,448;830,472,1045,687;1494,584,1598,688")
    public String rects;

    private RgbImage pixels;
    private DlibShapeDetector detector;
    private ShapePredictor predictor;
    private long[][] boxes;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        detector = DlibShapeDetector.builder().build();
        predictor = detector.predictor();
        String[] parts = rects.split(";");
        boxes = new long[parts.length][4];
        for (int i = 0; i < parts.length; i++) {
            String[] v = parts[i].split(",");
            for (int k = 0; k < 4; k++) {
                boxes[i][k] = Long.parseLong(v[k].trim());
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        detector.close();
    }

    @Benchmark
    public long[] landmarksPerFace() {
        long[] b = boxes[next];
        next = (next + 1) % boxes.length;
        return predictor.predict(pixels, b[0], b[1], b[2], b[3]);
    }
}
