package org.facecensus.census.stats;

/**
 * A count for women and one for men: a row of the confusion matrix (by prediction), mentions in
 * descriptions.
 *
 * <p>Thread-safety: immutable.
 *
 * @param female the count for women (or for the prediction female)
 * @param male   the count for men (or for the prediction male)
 */
public record ByGender(long female, long male) {
}
