package org.facecensus.census.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * One partition of the census: a fixed slice of the collection's items, the unit that is analysed, written and
 * skipped on a re-run as a whole. Its number decides its Parquet file names, so a retried or repeated task
 * replaces its own files and never adds a second copy of a face.
 *
 * <p>Thread-safety: immutable.
 *
 * @param index its place in the collection (items {@code index * size} onwards)
 * @param items its items, in collection order
 */
record Chunk(int index, List<WorkItem> items) implements Serializable {
    Chunk {
        items = List.copyOf(items);
    }

    /** {@code chunk-000007.parquet}. */
    String fileName() {
        return String.format(Locale.ROOT, "chunk-%06d.parquet", index);
    }
}
