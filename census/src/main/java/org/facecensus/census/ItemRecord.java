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
 * @param imageWidth  the analysed (orientation-corrected) image's width in pixels; 0 when unknown (a
 *                 failed item, or a census written before image sizes were recorded)
 * @param imageHeight the image's height in pixels; 0 when unknown
 */
public record ItemRecord(String itemId, String file, ItemMetadata metadata, List<FaceRecord> faces,
                         String error, String problem, int rejectedFaces, int imageWidth, int imageHeight) {
    public ItemRecord {
        file = file == null ? "" : file;
        faces = faces == null ? List.of() : List.copyOf(faces);
        error = error == null ? "" : error;
        problem = problem == null ? "" : problem;
        if (rejectedFaces < 0) {
            throw new IllegalArgumentException("rejectedFaces must not be negative");
        }
        if (imageWidth < 0 || imageHeight < 0) {
            throw new IllegalArgumentException("image size must not be negative: " + imageWidth + "x" + imageHeight);
        }
    }

    /** An item whose image size is not known. */
    public ItemRecord(String itemId, String file, ItemMetadata metadata, List<FaceRecord> faces, String error,
                      String problem, int rejectedFaces) {
        this(itemId, file, metadata, faces, error, problem, rejectedFaces, 0, 0);
    }

    /** An item of a run without a face verifier. */
    public ItemRecord(String itemId, String file, ItemMetadata metadata, List<FaceRecord> faces, String error,
                      String problem) {
        this(itemId, file, metadata, faces, error, problem, 0, 0, 0);
    }

    /** The same item joined with its catalogue record. */
    public ItemRecord withMetadata(String id, ItemMetadata catalogued) {
        return new ItemRecord(id, file, catalogued, faces, error, problem, rejectedFaces, imageWidth, imageHeight);
    }

    public boolean failed() {
        return !error.isEmpty();
    }

    /** Whether the image's size is known, so its faces' prominence can be measured. */
    public boolean hasImageSize() {
        return imageWidth > 0 && imageHeight > 0;
    }

    public Composition composition() {
        return Composition.of(faces);
    }
}
