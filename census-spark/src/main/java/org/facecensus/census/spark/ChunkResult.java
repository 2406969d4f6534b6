package org.facecensus.census.spark;

import java.io.Serializable;

/**
 * What a task tells the driver about its chunk (the faces themselves go to Parquet).
 *
 * <p>Thread-safety: immutable.
 *
 * @param index    the chunk
 * @param items    items analysed (0 when skipped)
 * @param faces    faces found
 * @param seconds  wall time of the task
 * @param skipped  true when an earlier attempt or run had already written it
 * @param executor where it ran (host and JVM), for the memory figures
 * @param heapUsedMb the executor JVM's used heap after the chunk, in MiB
 */
record ChunkResult(int index, int items, int faces, double seconds, boolean skipped, String executor, long heapUsedMb)
        implements Serializable {
}
