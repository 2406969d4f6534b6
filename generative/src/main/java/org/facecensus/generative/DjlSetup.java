package org.facecensus.generative;

import java.nio.file.Path;

import org.facecensus.FaceCensusException;

/**
 * Configures DJL before its engine loads, so training never touches the network and unpacks libtorch where the user
 * says. DJL reads these as system properties (or environment variables, which win):
 * <ul>
 *   <li>{@code ai.djl.offline=true}: never download engine natives or model-zoo metadata (the CPU libtorch comes as
 *       the {@code pytorch-native-cpu} jar);</li>
 *   <li>{@code OPT_OUT_TRACKING=true}: no usage reporting;</li>
 *   <li>{@code ENGINE_CACHE_DIR} and {@code DJL_CACHE_DIR}: where libtorch (about 430 MB) is unpacked on first use;
 *       {@link #DEFAULT_CACHE} unless {@code --engine-cache}, {@value #CACHE_PROPERTY} or {@code $ENGINE_CACHE_DIR}
 *       says otherwise;</li>
 *   <li>{@code ai.djl.pytorch.num_threads} and {@code num_interop_threads}: PyTorch's CPU threads.</li>
 * </ul>
 *
 * <p>Thread-safety: call once, before the first DJL use; later calls change nothing DJL has already read.
 */
public final class DjlSetup {
    /** System property naming the engine cache folder. */
    public static final String CACHE_PROPERTY = "facecensus.engineCache";
    /** Where libtorch is unpacked unless told otherwise. */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "facecensus", "djl");

    private DjlSetup() {
    }

    /**
     * Sets DJL's properties.
     *
     * @param engineCache the cache folder, or null for {@value #CACHE_PROPERTY}, else {@link #DEFAULT_CACHE}
     * @param threads     PyTorch's intra-op threads (at least 1)
     * @return the cache folder DJL will use
     */
    public static synchronized Path configure(Path engineCache, int threads) {
        if (threads < 1) {
            throw new FaceCensusException("threads must be at least 1; got " + threads);
        }
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path cache = engineCache;
        if (cache == null && System.getProperty(CACHE_PROPERTY) != null) {
            cache = Path.of(System.getProperty(CACHE_PROPERTY));
        }
        String env = System.getenv("ENGINE_CACHE_DIR");
        if (cache == null && env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (cache == null) {
            cache = DEFAULT_CACHE;
        }
        if (env != null && !env.isBlank() && !Path.of(env).equals(cache)) {
            throw new FaceCensusException("The environment variable ENGINE_CACHE_DIR=" + env + " overrides the engine cache "
                    + cache + " (DJL reads the environment first); unset it or give the same folder.");
        }
        System.setProperty("ENGINE_CACHE_DIR", cache.toAbsolutePath().toString());
        System.setProperty("DJL_CACHE_DIR", cache.toAbsolutePath().toString());
        return cache;
    }
}
