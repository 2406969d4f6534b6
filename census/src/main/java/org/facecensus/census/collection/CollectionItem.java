package org.facecensus.census.collection;

import java.net.URI;
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
 * @param uri      where a web item's image is fetched from (a URL list row, an IIIF Image API request), or null for
 *                 a local file; a web item has no {@code path} and its {@code file} is the URL
 */
public record CollectionItem(String itemId, String file, Path path, ItemMetadata metadata, int page, URI uri) {
    public CollectionItem {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more: " + page);
        }
        if ((path == null) == (uri == null)) {
            throw new IllegalArgumentException("an item is a local file (path) or a web image (uri), exactly one: "
                    + itemId);
        }
    }

    /** A page of a local image file. */
    public CollectionItem(String itemId, String file, Path path, ItemMetadata metadata, int page) {
        this(itemId, file, path, metadata, page, null);
    }

    /** A whole image file (its first page). */
    public CollectionItem(String itemId, String file, Path path, ItemMetadata metadata) {
        this(itemId, file, path, metadata, 0, null);
    }

    /** An image on the web, fetched when it is analysed; {@code file} is the URL. */
    public static CollectionItem web(String itemId, URI uri, ItemMetadata metadata) {
        return new CollectionItem(itemId, uri.toString(), null, metadata, 0, uri);
    }

    /** True for an item fetched over HTTP. */
    public boolean isWeb() {
        return uri != null;
    }
}
