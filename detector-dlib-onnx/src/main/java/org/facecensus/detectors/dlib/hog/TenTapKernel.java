package org.facecensus.detectors.dlib.hog;

import java.util.Optional;
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

    /** Loads the Vector API kernel once, by name, so that nothing touches the incubator module without it. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(TenTapKernel.class);
        static final Optional<TenTapKernel> VECTOR = load();

        private Holder() {
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
