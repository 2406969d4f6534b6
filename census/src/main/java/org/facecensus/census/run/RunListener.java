package org.facecensus.census.run;

import org.facecensus.census.ItemRecord;

/**
 * Hears a census run's progress, e.g. to draw a progress bar.
 *
 * <p>Thread-safety: {@link #itemDone} is called from worker threads, one call at a time.
 */
public interface RunListener {
    /** Before the first image: {@code total} images in the collection, {@code alreadyDone} of them from an earlier run. */
    default void started(int total, int alreadyDone) {
    }

    default void itemDone(ItemRecord item) {
    }

    /** After every image, before the output files are written. */
    default void analysed() {
    }

    RunListener NONE = new RunListener() {
    };
}
