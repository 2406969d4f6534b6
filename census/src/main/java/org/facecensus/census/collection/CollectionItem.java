package org.facecensus.census.collection;

import java.nio.file.Path;

import org.facecensus.census.ItemMetadata;

/**
 * One image of a collection, with its id and catalogue record.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId   unique in the collection (see {@link org.facecensus.census.ItemRecord#itemId()})
 * @param file     the image path relative to the collection root, '/'-separated
 * @param path     the image file
 * @param metadata its catalogue record, or null when it has none
 */
public record CollectionItem(String itemId, String file, Path path, ItemMetadata metadata) {
}
