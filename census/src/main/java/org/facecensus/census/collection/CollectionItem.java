package org.facecensus.census.collection;

import java.nio.file.Path;

import org.facecensus.census.ItemMetadata;

/**
 * One image of a collection (or one page of a multi-page TIFF), with its id and catalogue record.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId   unique in the collection (see {@link org.facecensus.census.ItemRecord#itemId()}); page k &gt; 1 of
 *                 a file is {@code <id>#pk}
 * @param file     the image path relative to the collection root, '/'-separated
 * @param path     the image file
 * @param metadata its catalogue record, or null when it has none
 * @param page     the page of the file, from 0 (always 0 but for the later pages of a multi-page TIFF)
 */
public record CollectionItem(String itemId, String file, Path path, ItemMetadata metadata, int page) {
    public CollectionItem {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more: " + page);
        }
    }

    /** A whole image file (its first page). */
    public CollectionItem(String itemId, String file, Path path, ItemMetadata metadata) {
        this(itemId, file, path, metadata, 0);
    }
}
