package org.facecensus.label;

/**
 * Which face of a census: the item id and the face's 0-based index in detector order, as in
 * {@code faces.csv}. The crop's sha256 (see {@link CensusFace}) tells whether a label still refers
 * to the same picture after the census was run again.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId    the item id (column {@code item_id})
 * @param faceIndex the face index (column {@code face_index})
 */
public record FaceKey(String itemId, int faceIndex) {
    public FaceKey {
        if (itemId == null || itemId.isEmpty()) {
            throw new IllegalArgumentException("a face needs an item id");
        }
    }

    @Override
    public String toString() {
        return itemId + "#" + faceIndex;
    }
}
