package org.facecensus.census.collection;

import org.facecensus.census.ItemMetadata;

/**
 * An item that a web source names but that cannot be analysed before any image is fetched: a IIIF canvas without
 * an image, a manifest of a collection that could not be fetched or read, a URL list row whose URL is not an
 * absolute http(s) URL. The census writes it to items.csv with its error and goes on.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId   the id the item would have had
 * @param file     what it was read from (a URL, a manifest id), may be empty
 * @param metadata its catalogue record when one was read, or null
 * @param problem  machine-readable code, e.g. {@code IIIF_BROKEN_CANVAS}, {@code HTTP_NOT_FOUND}, {@code BAD_URL}
 * @param message  what is wrong and what to do
 */
public record SourceError(String itemId, String file, ItemMetadata metadata, String problem, String message) {
}
