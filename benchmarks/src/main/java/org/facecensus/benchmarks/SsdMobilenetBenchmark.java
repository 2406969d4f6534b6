package org.facecensus.benchmarks;


import org.facecensus.detect.FaceDetector;
import org.facecensus.detectors.ssd.SsdMobilenetDetector;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;

/**
 * ssd-mobilenet (face-api's SSD-MobileNetV1) detection on one decoded photo, one thread, ONNX
 * Runtime with 1 intra-op thread: comparable with the face-api peer's single-threaded WASM
 * {@code detect} stage (≈ 345 ms on the 1920-px samples). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar SsdMobilenet -p image=/tmp/peers-cache/images/png/sample1.png}
 *
 * <p>Thread-safety: a JMH state object, used by the one benchmark thread.
 */
public class SsdMobilenetBenchmark extends DetectorBenchmark {
    @Override
    protected FaceDetector open() {
        return new SsdMobilenetDetector(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }
}
