package org.facecensus.detectors.dlib.hog;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two inner loops of {@link SeparableFilter} for 10-tap filters (every filter of dlib's frontal face
 * detector), written with explicit SIMD. Per output column the operations and their order are exactly
 * those of the scalar loops (dlib's three accumulators of fused multiply-adds, then {@code a1 + (a2 + a3)}),
 * so the responses are bit-identical whichever implementation runs; only the speed differs.
 *
 * <p>Why: HotSpot 17 vectorises a loop only when every load uses the loop's own index, so the scalar row
 * pass needs ten shifted copies of each plane and keeps its accumulators in memory. The Vector API
 * ({@code jdk.incubator.vector}) loads at any offset and keeps the accumulators in registers. It is an
 * incubator module in Java 17, resolved only when the JVM starts with {@code --add-modules
 * jdk.incubator.vector} (the {@code facecensus} launcher, the tests and the benchmarks do); without it the
 * scalar loops run and one log line says how to enable the faster ones. {@code
 * -Dfacecensus.dlibhog.vector=false} forces the scalar loops (for comparisons).
 *
 * <p>Warm-up: until C2 has compiled them, Vector API loops run far slower than scalar ones (each vector is
 * an object), which cost about a second on a one-image run. So the detector asks
 * {@link #warmVector(boolean)}, which starts compiling them on a daemon thread (calls on a small plane) and
 * answers the kernel only once its calls run fast; until then the scalar loops run. The detector lets its
 * second image start the warm-up, not its first: on two cores a warm-up beside a one-image run (and the JIT)
 * slowed it by about half a second. Both give the same floats, so switching between images changes no
 * result. Where the loops never get fast (a JVM without C2, say) the scalar loops stay, with a log line.
 *
 * <p>Thread-safety: implementations are stateless and thread-safe.
 */
interface TenTapKernel {
    /** The system property that turns the Vector API kernel off when set to {@code false}. */
    String DISABLE_PROPERTY = "facecensus.dlibhog.vector";

    /** The Vector API module; present in the boot layer only when the JVM was started with it. */
    String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Row pass over output columns [from, to): {@code out[c]} gets the 10-tap sum of {@code plane[base + c + q]
     * · f[q]}.
     */
    void rowPass(float[] plane, int base, float[] f, float[] out, int from, int to);

    /**
     * Column pass over output columns [from, to): the 10-tap sum of {@code rows[q][c] · f[q]}, written to
     * {@code out[c]} or, with {@code addTo}, added to it.
     */
    void columnPass(float[][] rows, float[] f, float[] out, int from, int to, boolean addTo);

    /** A short name for logs and benchmarks. */
    String name();

    /** The Vector API kernel when this JVM can run it and it is not turned off; chosen once per JVM. */
    static Optional<TenTapKernel> vector() {
        return Holder.VECTOR;
    }

    /**
     * The Vector API kernel once it runs compiled, else empty (the caller uses the scalar loops); empty for good
     * without the module or when the loops never get fast.
     *
     * @param startWarmUp whether to start the warm-up if it has not started (the detector passes false for its
     *                    first image, so a one-image run does not share its two cores with it)
     */
    static Optional<TenTapKernel> warmVector(boolean startWarmUp) {
        return Holder.warm(startWarmUp);
    }

    /**
     * Loads the Vector API kernel once, by name, so that nothing touches the incubator module without it, and
     * warms it up.
     */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(TenTapKernel.class);
        static final Optional<TenTapKernel> VECTOR = load();
        /** Calls per timed batch of the warm-up. */
        private static final int BATCH = 2000;
        /**
         * A batch counts as compiled below this many nanoseconds per row + column pass over 48 columns: compiled
         * they take about 30-60 ns on the machines measured, interpreted or in C1 some microseconds.
         */
        private static final long FAST_NS = 400;
        private static final long LIMIT_NS = TimeUnit.SECONDS.toNanos(20);
        private static final AtomicBoolean STARTED = new AtomicBoolean();
        private static volatile TenTapKernel warm;

        private Holder() {
        }

        static Optional<TenTapKernel> warm(boolean startWarmUp) {
            if (VECTOR.isEmpty()) {
                return Optional.empty();
            }
            TenTapKernel k = warm;
            if (k != null) {
                return Optional.of(k);
            }
            if (startWarmUp && STARTED.compareAndSet(false, true)) {
                Thread t = new Thread(() -> warmUp(VECTOR.get()), "facecensus-vector-warm-up");
                t.setDaemon(true);
                t.start();
            }
            return Optional.empty();
        }

        /** Runs the kernel on a small plane until a batch of calls is fast, then publishes it. */
        private static void warmUp(TenTapKernel k) {
            SplittableRandom random = new SplittableRandom(10);
            int nc = 64;
            float[] plane = new float[10 * nc];
            float[][] rows = new float[10][nc];
            float[] f = new float[10];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) random.nextDouble();
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) random.nextDouble();
            }
            float[] out = new float[nc];
            long start = System.nanoTime();
            long best = Long.MAX_VALUE;
            long batches = 0;
            while (System.nanoTime() - start < LIMIT_NS) {
                long t0 = System.nanoTime();
                for (int i = 0; i < BATCH; i++) {
                    int r = i % 10;
                    k.rowPass(plane, r * nc - 5, f, rows[r], 5, 53);
                    k.columnPass(rows, f, out, 5, 53, (i & 1) == 0);
                }
                long perCall = (System.nanoTime() - t0) / BATCH;
                best = Math.min(best, perCall);
                batches++;
                if (perCall < FAST_NS) {
                    warm = k;
                    LOG.debug("dlib-hog: Vector API filter loops warm after {} ms ({} calls, {} ns per call)",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), batches * BATCH, perCall);
                    return;
                }
            }
            LOG.info("dlib-hog: the Vector API filter loops did not run compiled within {} s on this JVM (best {} ns "
                    + "per call; is C2 off?); keeping the scalar loops", TimeUnit.NANOSECONDS.toSeconds(LIMIT_NS), best);
        }

        private static Optional<TenTapKernel> load() {
            if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
                LOG.info("dlib-hog: scalar filter loops (-D{}=false)", DISABLE_PROPERTY);
                return Optional.empty();
            }
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                LOG.info("dlib-hog: scalar filter loops; start Java with --add-modules {} for a faster scan "
                        + "(identical results; the facecensus launcher does this)", VECTOR_MODULE);
                return Optional.empty();
            }
            try {
                TenTapKernel k = (TenTapKernel) Class.forName(TenTapKernel.class.getPackageName() + ".VectorTenTapKernel")
                        .getDeclaredConstructor().newInstance();
                LOG.debug("dlib-hog: Vector API filter loops ({})", k.name());
                return Optional.of(k);
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.warn("dlib-hog: the Vector API kernel could not be loaded ({}); using the scalar filter loops", e.toString());
                return Optional.empty();
            }
        }
    }
}
