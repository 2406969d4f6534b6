package org.facecensus.classify.data;

/**
 * A labelled item that was skipped, and why.
 *
 * @param origin  where it is ({@code labels.csv line 12}, or a folder)
 * @param file    the image file named there (may be empty when the row named none)
 * @param message what is wrong and what to do
 *
 * <p>Thread-safety: immutable.
 */
public record DataProblem(String origin, String file, String message) {
    @Override
    public String toString() {
        return origin + (file.isEmpty() ? "" : " (" + file + ")") + ": " + message;
    }
}
