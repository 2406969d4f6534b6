package org.facecensus.dataset;

import java.util.Locale;

/**
 * Why a face (or a whole file) is not in the dataset; the manifest's {@code reason} column holds {@link #code()}.
 * The checks run in this order, and a face gets the first reason that applies.
 *
 * <p>Thread-safety: immutable.
 */
public enum DropReason {
    /**
     * A URL-list item that could not be downloaded: not found, refused by robots.txt, not an image, cut short, too
     * large, a bad URL (the detail names the {@code FailureReason} and what to do).
     */
    NOT_DOWNLOADED,
    /** The file could not be read or decoded (the detail says which {@code ImageLoadException.Problem}). */
    BAD_FILE,
    /** The detector found no face in the image. */
    NO_FACE,
    /** The face box is narrower or lower than {@code minFace} pixels. */
    TINY,
    /** No aligned crop: the aligner had no eye landmarks, or alignment failed (the detail says why). */
    NOT_ALIGNED,
    /** The face's variance of the Laplacian is below {@code minSharpness}. */
    BLURRED,
    /** The gender filter could not classify the face (the detail says why). */
    UNCLASSIFIED,
    /** The gender filter abstained: the two models disagreed, or one was below the threshold. */
    GENDER_UNSURE,
    /** The gender filter decided the other gender than {@code keep}. */
    OTHER_GENDER,
    /** The same picture as a kept face: perceptual hashes within {@code duplicateBits}. */
    DUPLICATE,
    /** Nearly the same face as a kept one: embedding cosine at or above {@code nearDuplicateCosine}. */
    NEAR_DUPLICATE;

    /** The manifest's spelling: lower case with hyphens, e.g. {@code near-duplicate}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads {@link #code()} back. */
    public static DropReason ofCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
