package org.facecensus.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One request: the URL plus what the response must look like. Built with {@link #of(URI)} and the
 * {@code with...} methods, each returning a new value.
 *
 * <p>Content types are matched on the media type (parameters dropped, case ignored); an entry ending in
 * {@code /} or {@code /*} matches a whole family ({@code image/}). An empty list accepts anything.
 *
 * @param uri                  absolute http(s) URL
 * @param expectedContentTypes accepted media types or families; empty for any
 * @param maxBodyBytes         overrides the fetcher's maximum for this request
 *
 * <p>Thread-safety: immutable.
 */
public record FetchRequest(URI uri, List<String> expectedContentTypes, OptionalLong maxBodyBytes) {
    public FetchRequest {
        Objects.requireNonNull(uri, "uri");
        expectedContentTypes = List.copyOf(expectedContentTypes);
        Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
    }

    public static FetchRequest of(URI uri) {
        return new FetchRequest(uri, List.of(), OptionalLong.empty());
    }

    public static FetchRequest of(String uri) {
        return of(URI.create(uri));
    }

    /** Only these media types (or families, {@code image/}) are accepted; others fail with WRONG_CONTENT_TYPE. */
    public FetchRequest expecting(String... contentTypes) {
        List<String> all = new ArrayList<>(expectedContentTypes);
        all.addAll(List.of(contentTypes));
        return new FetchRequest(uri, all, maxBodyBytes);
    }

    public FetchRequest withMaxBodyBytes(long max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, got " + max);
        }
        return new FetchRequest(uri, expectedContentTypes, OptionalLong.of(max));
    }

    /** Whether {@code contentType} (a header value, possibly with parameters, possibly null) is accepted. */
    public boolean accepts(String contentType) {
        if (expectedContentTypes.isEmpty()) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (String want : expectedContentTypes) {
            String w = want.trim().toLowerCase(Locale.ROOT);
            if (w.endsWith("/*")) {
                w = w.substring(0, w.length() - 1);
            }
            if (w.endsWith("/") ? media.startsWith(w) : media.equals(w)) {
                return true;
            }
        }
        return false;
    }
}
