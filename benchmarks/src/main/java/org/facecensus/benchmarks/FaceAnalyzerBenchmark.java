package org.facecensus.benchmarks;

import java.nio.file.Path;

import org.facecensus.analysis.FaceAnalysis;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One decoded photo end to end through {@link FaceAnalyzer#analyze(RgbImage)}: detection, landmarks,
 * the default aligner and gender/age classification, as a library user or the CLI runs them. The
 * per-stage benchmarks (BlazeFace, SsdMobilenet, FaceApiLandmarksAgeGender) say where the time goes;
 * this one says what a whole image costs, glue included. The score is per image, so it grows with the
 * number of faces the detector finds. One thread, ONNX Runtime with 1 intra-op thread, CPU. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar FaceAnalyzerBenchmark -p detector=blazeface}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class FaceAnalyzerBenchmark extends OnePhotoOnnxBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    @Param({"blazeface", "ssd-mobilenet"})
    public String detector;

    @Param("landmark68-net")
    public String landmarks;

    @Param("faceapi-agegender")
    public String classifier;

    private RgbImage pixels;
    private FaceAnalyzer analyzer;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        analyzer = FaceAnalyzer.builder().detector(detector).landmarks(landmarks).classifier(classifier)
                .device(ExecutionDevice.CPU).build();
        // Also the first run, which loads the models: a photo without faces would time detection alone.
        if (analyzer.analyze(pixels).faces().isEmpty()) {
            analyzer.close();
            throw new IllegalStateException(detector + " finds no face in " + image);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        analyzer.close();
    }

    @Benchmark
    public FaceAnalysis analyze() {
        return analyzer.analyze(pixels);
    }
}
