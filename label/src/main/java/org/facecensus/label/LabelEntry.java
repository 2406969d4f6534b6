package org.facecensus.label;

import java.time.Instant;

/**
 * One line of {@code labels.jsonl}: who was labelled (face and crop hash), with what, from which
 * stream, and when.
 *
 * <p>Thread-safety: immutable.
 *
 * @param face       item id and face index
 * @param cropSha256 the crop's sha256 when it was labelled, so a re-run census can tell stale labels
 * @param label      the answer, or {@link Label#UNDO}
 * @param stream     the stream the card came from
 * @param time       when it was written
 */
public record LabelEntry(FaceKey face, String cropSha256, Label label, CardStream stream, Instant time) {
    public LabelEntry {
        if (face == null || label == null || stream == null || time == null) {
            throw new IllegalArgumentException("a label entry needs a face, a label, a stream and a time");
        }
        cropSha256 = cropSha256 == null ? "" : cropSha256;
    }
}
