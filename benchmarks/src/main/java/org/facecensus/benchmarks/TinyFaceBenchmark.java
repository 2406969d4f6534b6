package org.facecensus.benchmarks;


import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.tiny.TinyFaceDetector;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * tiny-face (face-api's TinyFaceDetector, inputSize 416) detection on one decoded photo, one thread, ONNX
 * Runtime with 1 intra-op thread: comparable with the face-api peer's single-threaded WASM
 * {@code detect} stage with {@code --detector tiny}. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar TinyFace -p image=/tmp/peers-cache/images/png/sample1.png}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class TinyFaceBenchmark extends DetectorBenchmark {
    @Override
    protected FaceDetector open() {
        return new TinyFaceDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }
}
