package org.facecensus.label;

/**
 * One card of the labelling order: the face shown at a position, and the stream it came from.
 *
 * <p>Thread-safety: immutable.
 *
 * @param position 0-based position in the order
 * @param face     the face shown
 * @param stream   audit (random sample) or active (classifier's doubt)
 */
public record Card(int position, CensusFace face, CardStream stream) {
}
