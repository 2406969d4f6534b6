package org.facecensus.census.collection;

/**
 * A metadata row that could not be read (bad JSON, wrong column count, no id): reported per row
 * while the other rows are used.
 *
 * <p>Thread-safety: immutable.
 *
 * @param line    1-based line of the file where the row starts (in an {@code .xlsx}, the sheet's row number)
 * @param message what is wrong and what to do
 */
public record MetadataRowError(long line, String message) {
}
