package org.facecensus.census.stats;

/**
 * The counts over every item of a run.
 *
 * <p>Thread-safety: immutable.
 *
 * @param items                every item, failed ones and catalogue rows without an image included
 * @param itemsAnalysed        items analysed without failure
 * @param itemsFailed          items that could not be analysed
 * @param itemsWithoutMetadata items with no catalogue row
 * @param itemsWithFaces       analysed items with at least one detected face
 * @param faces                detected faces
 * @param women                faces labelled female
 * @param men                  faces labelled male
 * @param unknown              faces the classifier abstained on or failed
 * @param faceErrors           faces whose alignment or classification failed
 */
public record Totals(long items, long itemsAnalysed, long itemsFailed, long itemsWithoutMetadata,
                     long itemsWithFaces, long faces, long women, long men, long unknown, long faceErrors) {
}
