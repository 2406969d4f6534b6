package org.facecensus.census;

import java.util.List;

/**
 * One item of the collection after analysis: its faces, its metadata, or the error that stopped it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId   the item id: the metadata id when one matched, else the file name without extension
 *                 (made unique by its relative path when two files share a name)
 * @param file     the image path relative to the collection root, '/'-separated; empty for a metadata
 *                 row without an image
 * @param metadata the joined catalogue record, or null when the image has none
 * @param faces    faces in detector order; empty on error
 * @param error    why the item could not be analysed (a bad image, no image for this row), or empty
 * @param problem  a machine-readable code for the error (e.g. TRUNCATED, NO_IMAGE), or empty
 * @param rejectedFaces detections the run's face verifier judged not to be faces (not in {@code faces});
 *                 0 without a verifier
 */
public record ItemRecord(String itemId, String file, ItemMetadata metadata, List<FaceRecord> faces,
                         String error, String problem, int rejectedFaces) {
    public ItemRecord {
        file = file == null ? "" : file;
        faces = faces == null ? List.of() : List.copyOf(faces);
        error = error == null ? "" : error;
        problem = problem == null ? "" : problem;
        if (rejectedFaces < 0) {
            throw new IllegalArgumentException("rejectedFaces must not be negative");
        }
    }

    /** An item of a run without a face verifier. */
    public ItemRecord(String itemId, String file, ItemMetadata metadata, List<FaceRecord> faces, String error,
                      String problem) {
        this(itemId, file, metadata, faces, error, problem, 0);
    }

    /** The same item joined with its catalogue record. */
    public ItemRecord withMetadata(String id, ItemMetadata catalogued) {
        return new ItemRecord(id, file, catalogued, faces, error, problem, rejectedFaces);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    public Composition composition() {
        return Composition.of(faces);
    }
}
