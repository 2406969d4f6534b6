package org.facecensus.image;

import org.facecensus.FaceCensusException;

/**
 * One image could not be loaded. The {@link #problem()} says why, so a batch run can record it for
 * that item and go on.
 *
 * <p>Thread-safety: immutable.
 */
public final class ImageLoadException extends FaceCensusException {
    private static final long serialVersionUID = 1L;

    /**
     * Why an image could not be loaded.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Problem {
        /** No such file, or not a regular file. */
        NOT_FOUND,
        /** The file has 0 bytes. */
        EMPTY_FILE,
        /** No decoder recognises the bytes (a text file, a PDF, ...). */
        NOT_AN_IMAGE,
        /**
         * An image format FaceCensus recognises but does not decode (HEIF, AVIF, JPEG XL, PSD; JPEG 2000 without
         * its optional decoder); the message says what to do.
         */
        UNSUPPORTED_FORMAT,
        /** A page past the file's last page was asked for (pages are counted from 0). */
        NO_SUCH_PAGE,
        /** The data ends before the image does. */
        TRUNCATED,
        /** The decoder rejected the data for another reason. */
        CORRUPT,
        /** The header announces more pixels than the configured limit. */
        TOO_LARGE,
        /** The file could not be read (permissions, I/O error). */
        UNREADABLE
    }

    private final Problem problem;
    private final String source;

    public ImageLoadException(Problem problem, String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.problem = problem;
        this.source = source;
    }

    public Problem problem() {
        return problem;
    }

    /** The file or name the image came from. */
    public String source() {
        return source;
    }
}
