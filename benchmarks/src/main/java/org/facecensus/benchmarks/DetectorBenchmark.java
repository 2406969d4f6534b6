package org.facecensus.benchmarks;

import java.nio.file.Path;

import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One detector on one decoded photo: the photo is decoded and the detector opened (and run once, so its
 * models are loaded) before timing; only {@code detect} is timed. Subclasses say which detector.
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public abstract class DetectorBenchmark extends OnePhotoOnnxBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private RgbImage pixels;
    private FaceDetector detector;

    /** The detector to time, on the CPU. */
    protected abstract FaceDetector open();

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        detector = open();
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
