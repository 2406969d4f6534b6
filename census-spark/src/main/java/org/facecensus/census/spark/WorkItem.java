package org.facecensus.census.spark;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;

import org.facecensus.census.collection.CollectionItem;

/**
 * A {@link CollectionItem} as shipped to an executor: names and places only (the catalogue record stays on the
 * driver and is joined at the end, as in the single-machine census).
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId the item id
 * @param file   its relative path, or its URL for a web item
 * @param path   the image file's absolute path (a folder every executor sees at the same path), or null
 * @param page   the TIFF page
 * @param uri    the image URL of a web item, or null
 */
record WorkItem(String itemId, String file, String path, int page, String uri) implements Serializable {
    static WorkItem of(CollectionItem item) {
        return new WorkItem(item.itemId(), item.file(), item.path() == null ? null : item.path().toString(),
                item.page(), item.uri() == null ? null : item.uri().toString());
    }

    CollectionItem toItem() {
        return uri != null ? new CollectionItem(itemId, file, null, null, page, URI.create(uri))
                : new CollectionItem(itemId, file, Path.of(path), null, page);
    }
}
