package org.facecensus.timing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Accumulates wall-clock time per stage while one image is processed.
 *
 * <p>Thread-safety: not thread-safe; create one per call.
 */
public final class StageTimer {
    private final Map<String, Double> millis = new LinkedHashMap<>();

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(stage, (System.nanoTime() - start) / 1e6);
        }
    }

    public void time(String stage, Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            add(stage, (System.nanoTime() - start) / 1e6);
        }
    }

    public void add(String stage, double ms) {
        millis.merge(stage, ms, Double::sum);
    }

    public StageTimings snapshot() {
        return StageTimings.of(millis);
    }
}
