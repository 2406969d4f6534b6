package org.facecensus.timing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Milliseconds spent per pipeline stage (decode, preprocess, inference, postprocess, ...), in the
 * order the stages ran. Stages that ran several times (one inference per tile) are summed.
 *
 * <p>Thread-safety: immutable.
 */
public final class StageTimings {
    private static final StageTimings EMPTY = new StageTimings(Map.of());
    private final Map<String, Double> millis;

    private StageTimings(Map<String, Double> millis) {
        this.millis = Collections.unmodifiableMap(new LinkedHashMap<>(millis));
    }

    public static StageTimings empty() {
        return EMPTY;
    }

    public static StageTimings of(Map<String, Double> millis) {
        return new StageTimings(millis);
    }

    /** Stage name to milliseconds, in the order the stages first ran. */
    public Map<String, Double> asMap() {
        return millis;
    }

    public double get(String stage) {
        return millis.getOrDefault(stage, 0.0);
    }

    public double total() {
        return millis.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** These stages followed by {@code other}'s; a stage present in both is summed. */
    public StageTimings plus(StageTimings other) {
        Map<String, Double> sum = new LinkedHashMap<>(millis);
        other.millis.forEach((k, v) -> sum.merge(k, v, Double::sum));
        return new StageTimings(sum);
    }

    @Override
    public String toString() {
        return millis.toString();
    }
}
