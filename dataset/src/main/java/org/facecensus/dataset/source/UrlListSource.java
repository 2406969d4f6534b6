package org.facecensus.dataset.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.collection.SourceError;
import org.facecensus.census.collection.web.UrlList;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.http.FetchRequest;
import org.facecensus.http.HttpFetchException;
import org.facecensus.http.HttpFetcher;
import org.facecensus.io.Sha256;

/**
 * Images listed by URL: the same list {@code facecensus analyze --urls} reads (CSV, JSON Lines or {@code .xlsx} with
 * a {@code url} column; {@link UrlList}), each image downloaded over HTTP(S) by the shared {@link HttpFetcher} when
 * the build first reads it: timeouts and retries, a per-host concurrency limit and interval, robots.txt, an
 * {@code image/*} content-type check, a size limit, truncation detection. Downloads go to
 * {@code downloads/<sha256 of the URL>} under the dataset folder and resume from a partial file ({@code .part},
 * HTTP Range) after an interruption; a finished download is not fetched again. A row whose URL is not an absolute
 * http(s) URL, and any failed download, is that item's {@link DownloadException}: the build records it and goes on.
 *
 * <p>The manifest's provenance ({@link SourceItem#origin()}) is the URL.
 *
 * <p>Thread-safety: items may be read from several threads (the fetcher is thread-safe and each item has its own
 * file).
 */
public final class UrlListSource implements FaceSource {
    private final Path list;
    private final HttpFetcher http;
    private final Path downloads;
    private final long maxBytes;

    /**
     * @param list      the URL list
     * @param http      the client (the caller closes it after the build)
     * @param downloads where downloaded images are kept
     * @param maxBytes  the largest image accepted
     */
    public UrlListSource(Path list, HttpFetcher http, Path downloads, long maxBytes) {
        if (!Files.isRegularFile(list)) {
            throw new FaceCensusException("No URL list at " + list.toAbsolutePath() + "; give a CSV, JSON Lines or "
                    + ".xlsx file with a 'url' column.");
        }
        this.list = list;
        this.http = Objects.requireNonNull(http, "http");
        this.downloads = downloads;
        this.maxBytes = maxBytes;
    }

    @Override
    public String describe() {
        return "urls:" + list;
    }

    @Override
    public List<SourceItem> items() {
        CollectionIndex index = new UrlList(list).index(http, WebOptions.defaults());
        List<SourceItem> items = new ArrayList<>();
        for (CollectionItem item : index.items()) {
            URI uri = item.uri();
            items.add(new SourceItem(uri.toString(), fileName(uri), () -> download(uri)));
        }
        for (SourceError bad : index.sourceErrors()) {
            items.add(new SourceItem(bad.file(), "url", () -> {
                throw new DownloadException(bad.problem(), bad.message(), null);
            }));
        }
        return items;
    }

    private byte[] download(URI uri) throws IOException {
        Path target = downloads.resolve(Sha256.hex(uri.toString()));
        if (!Files.isRegularFile(target)) {
            Files.createDirectories(downloads);
            try {
                http.download(FetchRequest.of(uri).expecting("image/").withMaxBodyBytes(maxBytes), target);
            } catch (HttpFetchException e) {
                throw new DownloadException(e.reason().name(), e.getMessage(), e);
            }
        }
        return Files.readAllBytes(target);
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "image" : last;
    }
}
