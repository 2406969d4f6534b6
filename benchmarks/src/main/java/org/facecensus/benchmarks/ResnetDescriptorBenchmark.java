package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.align.AlignedFace;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detectors.faceapi.FaceApiLandmarkDetector;
import org.facecensus.classify.faceapi.ResnetDescriptorEmbedder;
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
 * resnet-descriptor (face-api's FaceRecognitionNet) per face, batched: the faces ssd-mobilenet and
 * landmark68-net find in one photo, cropped as face-api does once in setup, then
 * {@code embedAll} on all of them per invocation; the score is per face ({@value #FACES} faces are
 * taken, repeated if the photo has fewer). One thread, ONNX Runtime with 1 intra-op thread. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar ResnetDescriptor}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class ResnetDescriptorBenchmark extends OnePhotoOnnxBenchmark {
    static final int FACES = 8;

    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    private List<AlignedFace> crops;
    private ResnetDescriptorEmbedder embedder;

    @Setup(Level.Trial)
    public void load() {
        RgbImage pixels = ImageLoader.defaults().load(Path.of(image));
        List<AlignedFace> found = new ArrayList<>();
        try (SsdMobilenetDetector ssd = new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
             FaceApiLandmarkDetector lm = new FaceApiLandmarkDetector(ModelStore.defaultStore(), ExecutionDevice.CPU)) {
            for (DetectedFace f : ssd.detect(pixels).faces()) {
                DetectedFace withLandmarks = new DetectedFace(f.box(), lm.locate(pixels, f.box()));
                found.add(ResnetDescriptorEmbedder.alignedFace(pixels, withLandmarks));
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no face found in " + image);
        }
        crops = new ArrayList<>();
        for (int i = 0; i < FACES; i++) {
            crops.add(found.get(i % found.size()));
        }
        embedder = new ResnetDescriptorEmbedder(ModelStore.defaultStore(), ExecutionDevice.CPU);
        embedder.embedAll(crops);
    }

    @TearDown(Level.Trial)
    public void close() {
        embedder.close();
    }

    @Benchmark
    @OperationsPerInvocation(FACES)
    public List<float[]> embedPerFace() {
        return embedder.embedAll(crops);
    }
}
