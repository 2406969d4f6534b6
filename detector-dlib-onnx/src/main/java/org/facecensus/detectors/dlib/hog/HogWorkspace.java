package org.facecensus.detectors.dlib.hog;

import java.lang.ref.SoftReference;

/**
 * The large work arrays of one detection, kept per thread between calls: the two pyramid images (the
 * current level and the next), fHOG's histogram, cell energies and 31 feature planes, the filter banks'
 * responses and the separable filter's own arrays.
 *
 * <p>Why: at upsample 1 one 1920-px photo needs about 200 MB of fresh arrays per call (the 3840×2560
 * upsampled image, every pyramid level, every level's planes). Each is a humongous allocation under G1,
 * zeroed and page-faulted anew, and that cost, not the arithmetic, made our median time per image
 * 10–30 % slower than dlib's while the best runs were at parity. Reused arrays are grown, never shrunk.
 * A thread's workspace sits behind a {@link SoftReference}, so an idle thread's arrays go when memory
 * runs short; it is then rebuilt on the next call.
 *
 * <p>Thread-safety: not thread-safe; {@link #forThisThread()} gives each thread its own.
 */
final class HogWorkspace {
    private static final ThreadLocal<SoftReference<HogWorkspace>> PER_THREAD = new ThreadLocal<>();

    private final byte[][] images = {new byte[0], new byte[0]};
    private float[] hist = new float[0];
    private float[] norm = new float[0];
    private final float[][] planes = new float[HogModel.PLANES][0];
    private float[][][] responses = new float[0][0][];
    private SeparableFilter filter;

    /** This thread's workspace, made on first use (or again after the garbage collector took it). */
    static HogWorkspace forThisThread() {
        SoftReference<HogWorkspace> ref = PER_THREAD.get();
        HogWorkspace ws = ref == null ? null : ref.get();
        if (ws == null) {
            ws = new HogWorkspace();
            PER_THREAD.set(new SoftReference<>(ws));
        }
        return ws;
    }

    /**
     * A pyramid image buffer of at least {@code bytes} that is not {@code current}, so a level can be
     * resized from the previous one. Its contents are undefined; the resize writes every byte it uses.
     */
    byte[] imageOtherThan(byte[] current, int bytes) {
        int slot = images[0] == current ? 1 : 0;
        if (images[slot].length < bytes) {
            images[slot] = new byte[bytes];
        }
        return images[slot];
    }

    /** fHOG's orientation histogram, at least {@code n} floats; the caller zeroes what it uses. */
    float[] hist(int n) {
        if (hist.length < n) {
            hist = new float[n];
        }
        return hist;
    }

    /** fHOG's per-cell energies, at least {@code n} floats; every used one is written. */
    float[] norm(int n) {
        if (norm.length < n) {
            norm = new float[n];
        }
        return norm;
    }

    /** The 31 feature planes, each at least {@code n} floats; the caller writes (or zeroes) all it uses. */
    float[][] planes(int n) {
        for (int p = 0; p < planes.length; p++) {
            if (planes[p].length < n) {
                planes[p] = new float[n];
            }
        }
        return planes;
    }

    /** One response image per filter bank, each {@code nr} rows of at least {@code nc} floats. */
    float[][][] responses(int banks, int nr, int nc) {
        if (responses.length != banks) {
            responses = new float[banks][0][];
        }
        for (int d = 0; d < banks; d++) {
            responses[d] = SeparableFilter.rows(responses[d], nr, nc);
        }
        return responses;
    }

    /**
     * The separable filter for {@code taps × taps} filters with the given 10-tap loops (null: scalar), remade
     * only for another size or other loops.
     */
    SeparableFilter filter(int taps, TenTapKernel kernel) {
        TenTapKernel k = taps == 10 ? kernel : null;
        if (filter == null || filter.taps() != taps || filter.kernel() != k) {
            filter = new SeparableFilter(taps, k);
        }
        return filter;
    }
}
