package org.facecensus.dataset;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link DatasetBuild} did.
 *
 * <p>Thread-safety: immutable.
 *
 * @param items    source items (files, downloads) seen
 * @param resumed  items an earlier, interrupted run had finished
 * @param kept     faces kept
 * @param dropped  dropped faces (and files that gave none) by reason, every reason present (0 when none)
 * @param manifest the manifest written
 */
public record BuildResult(int items, int resumed, int kept, Map<DropReason, Integer> dropped, Path manifest) {
    public BuildResult {
        dropped = Map.copyOf(dropped);
    }

    /** The number dropped for {@code reason}. */
    public int dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0);
    }
}
