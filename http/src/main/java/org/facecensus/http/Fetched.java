package org.facecensus.http;

import java.net.URI;
import java.util.Optional;

/**
 * A body fetched into memory.
 *
 * @param uri         the URL asked for
 * @param finalUri    the URL answered, after redirects (the same as {@code uri} when served from the cache)
 * @param status      the status of the last response (200, or 304 when revalidated from the cache)
 * @param contentType the Content-Type header, if any (of the cached response for a 304)
 * @param etag        the ETag, if any
 * @param body        the body; the array is owned by the caller
 * @param fromCache   true when the body came from the disk cache (unchanged, or not asked)
 * @param attempts    requests made (0 when served from the cache without asking)
 *
 * <p>Thread-safety: immutable apart from the body array, which nothing else holds.
 */
public record Fetched(URI uri, URI finalUri, int status, Optional<String> contentType, Optional<String> etag,
                      byte[] body, boolean fromCache, int attempts) {
}
