package org.facecensus.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.facecensus.io.Sha256;

/**
 * Bodies on disk keyed by the SHA-256 of the URL: {@code ab/abcdef….body} plus {@code ….meta} (a properties file
 * with the URL, ETag, Last-Modified and Content-Type). An entry is complete when its meta file exists: the body
 * is moved into place first, then the meta, each atomically; a {@code .part} beside it is a download to resume.
 *
 * <p>Thread-safety: thread-safe for distinct URLs; two threads fetching the same URL at once each write a whole
 * entry and the last move wins, which leaves a complete entry either way.
 */
public final class DiskCache {
    private final Path dir;

    public DiskCache(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** A complete cached response. */
    public record Entry(Path body, Optional<String> etag, Optional<String> lastModified, Optional<String> contentType) {
    }

    public Path bodyPath(URI uri) {
        String key = key(uri);
        return dir.resolve(key.substring(0, 2)).resolve(key + ".body");
    }

    private Path metaPath(URI uri) {
        String key = key(uri);
        return dir.resolve(key.substring(0, 2)).resolve(key + ".meta");
    }

    public Optional<Entry> get(URI uri) throws IOException {
        Path meta = metaPath(uri);
        Path body = bodyPath(uri);
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(body)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            p.load(in);
        }
        if (!uri.toString().equals(p.getProperty("url"))) {
            return Optional.empty();
        }
        return Optional.of(new Entry(body, opt(p, "etag"), opt(p, "last-modified"), opt(p, "content-type")));
    }

    /** Records {@code body} (already at {@link #bodyPath}) as the complete entry for {@code uri}. */
    public void commit(URI uri, Optional<String> etag, Optional<String> lastModified, Optional<String> contentType)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("url", uri.toString());
        etag.ifPresent(v -> p.setProperty("etag", v));
        lastModified.ifPresent(v -> p.setProperty("last-modified", v));
        contentType.ifPresent(v -> p.setProperty("content-type", v));
        Path meta = metaPath(uri);
        Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops the entry's meta so it is no longer served (the body is overwritten by the next download). */
    public void invalidate(URI uri) throws IOException {
        Files.deleteIfExists(metaPath(uri));
    }

    private static Optional<String> opt(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key));
    }

    static String key(URI uri) {
        return Sha256.hex(uri.toString());
    }
}
