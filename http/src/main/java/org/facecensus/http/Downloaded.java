package org.facecensus.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A body written to a file by {@link HttpFetcher#download}.
 *
 * @param uri         the URL asked for
 * @param file        the complete file (written whole: readers never see a partial file under this name)
 * @param bytes       its size
 * @param contentType the Content-Type header, if any
 * @param etag        the ETag, if any
 * @param fromCache   true when copied from the disk cache
 * @param resumedFrom the byte offset a {@code Range} request resumed from; 0 when downloaded from the start
 * @param attempts    requests made (0 when served from the cache without asking)
 *
 * <p>Thread-safety: immutable.
 */
public record Downloaded(URI uri, Path file, long bytes, Optional<String> contentType, Optional<String> etag,
                         boolean fromCache, long resumedFrom, int attempts) {
}
