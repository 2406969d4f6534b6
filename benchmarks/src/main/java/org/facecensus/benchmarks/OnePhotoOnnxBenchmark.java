package org.facecensus.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every per-photo ONNX benchmark shares, so that their figures compare: milliseconds per
 * call, one benchmark thread, ONNX Runtime with one intra-op thread (the peers' single-threaded timings),
 * 3 warm-up and 5 measured rounds of 3 s in one fork. JMH reads these annotations from the superclass.
 *
 * <p>Thread-safety: a JMH state object with {@code Scope.Benchmark}, used by the one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dfacecensus.onnx.threads=1")
@Threads(1)
public abstract class OnePhotoOnnxBenchmark {
}
