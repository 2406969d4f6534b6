package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.Landmarks;
import org.facecensus.classify.faceapi.FaceApiAgeGenderClassifier;
import org.facecensus.detectors.faceapi.FaceApiLandmarkDetector;
import org.facecensus.detectors.ssd.SsdMobilenetDetector;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * landmark68-net and faceapi-agegender per face, batched as the CLI runs them: the faces
 * ssd-mobilenet finds in one photo ({@value #FACES} taken, repeated if fewer), all in one call per
 * invocation; scores are per face. One thread, ONNX Runtime with 1 intra-op thread (issue 4 asks
 * for at most 5 ms per face each). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar FaceApiLandmarksAgeGender}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class FaceApiLandmarksAgeGenderBenchmark extends OnePhotoOnnxBenchmark {
    static final int FACES = 8;

    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private RgbImage pixels;
    private List<FaceBox> boxes;
    private List<AlignedFace> crops;
    private FaceApiLandmarkDetector landmarks;
    private FaceApiAgeGenderClassifier ageGender;

    @Setup(Level.Trial)
    public void load() {
        pixels = ImageLoader.defaults().load(Path.of(image));
        List<DetectedFace> found;
        try (SsdMobilenetDetector ssd = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)) {
            found = ssd.detect(pixels).faces();
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no face found in " + image);
        }
        landmarks = new FaceApiLandmarkDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
        ageGender = new FaceApiAgeGenderClassifier(ModelStore.defaultStore(), ExecutionDevice.CPU);
        boxes = new ArrayList<>();
        crops = new ArrayList<>();
        for (int i = 0; i < FACES; i++) {
            DetectedFace f = found.get(i % found.size());
            boxes.add(f.box());
            Landmarks l = landmarks.locate(pixels, f.box());
            crops.add(FaceApiAgeGenderClassifier.alignedFace(pixels, new DetectedFace(f.box(), l)));
        }
        landmarks.locateAll(pixels, boxes);
        ageGender.predictAll(crops);
    }

    @TearDown(Level.Trial)
    public void close() {
        landmarks.close();
        ageGender.close();
    }

    @Benchmark
    @OperationsPerInvocation(FACES)
    public List<Landmarks> landmarksPerFace() {
        return landmarks.locateAll(pixels, boxes);
    }

    @Benchmark
    @OperationsPerInvocation(FACES)
    public List<FaceApiAgeGenderClassifier.AgeGender> ageGenderPerFace() {
        return ageGender.predictAll(crops);
    }
}
