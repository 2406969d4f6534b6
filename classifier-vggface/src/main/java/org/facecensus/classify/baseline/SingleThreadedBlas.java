package org.facecensus.classify.baseline;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * Pins the OpenBLAS bundled with JavaCV to one thread before OpenCV's Fisherfaces runs: with its
 * default thread pool, {@code FisherFaceRecognizer.train} (OpenBLAS 0.3.31 under OpenCV 4.13.0,
 * JavaCPP 1.5.13, linux-x86_64) kills the JVM with a segmentation fault even on a few hundred small
 * faces; with one thread it trains. The setting is process-wide and only affects BLAS calls.
 *
 * <p>Thread-safety: thread-safe; idempotent.
 */
final class SingleThreadedBlas {
    private static volatile boolean done;

    private SingleThreadedBlas() {
    }

    static void ensure() {
        if (!done) {
            synchronized (SingleThreadedBlas.class) {
                if (!done) {
                    Loader.load(opencv_core.class);
                    openblas_nolapack.blas_set_num_threads(1);
                    done = true;
                }
            }
        }
    }
}
