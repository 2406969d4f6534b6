package org.facecensus.census.collection.web;

import org.facecensus.census.collection.CollectionItem;
import org.facecensus.http.FetchRequest;
import org.facecensus.http.Fetched;
import org.facecensus.http.HttpFetchException;
import org.facecensus.http.HttpFetcher;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;

/**
 * Fetches and decodes web items' images: an image content type is required (an HTML error page served with 200 is
 * {@code HTTP_WRONG_CONTENT_TYPE}), and the bytes go through the same decoder as files.
 *
 * <p>Thread-safety: thread-safe when the fetcher is (it is).
 */
public final class WebImages {
    private final HttpFetcher http;
    private final ImageLoader loader;

    public WebImages(HttpFetcher http, ImageLoader loader) {
        this.http = http;
        this.loader = loader;
    }

    /**
     * The item's image.
     *
     * @throws HttpFetchException                       when it cannot be fetched ({@link #problem} names it)
     * @throws org.facecensus.image.ImageLoadException when the bytes are not a decodable image
     */
    public RgbImage load(CollectionItem item) {
        Fetched f = http.fetch(FetchRequest.of(item.uri()).expecting("image/"));
        // the decoder names the image in its messages: the URL's last path segment
        String path = item.uri().getPath() == null ? "" : item.uri().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return loader.decode(f.body(), name.isEmpty() ? item.file() : name, item.page());
    }

    /** The items.csv problem code of a fetch failure: {@code HTTP_} and the reason. */
    public static String problem(HttpFetchException e) {
        return "HTTP_" + e.reason().name();
    }
}
