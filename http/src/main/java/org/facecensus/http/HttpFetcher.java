package org.facecensus.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facecensus.FaceCensusException;
import org.facecensus.http.internal.DiskCache;
import org.facecensus.http.internal.HostGate;
import org.facecensus.http.internal.RetryAfter;
import org.facecensus.http.internal.RobotsRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A polite HTTP GET client for collections on the web (IIIF manifests and images, URL lists), on the JDK's
 * {@code java.net.http}.
 *
 * <ul>
 *   <li><b>Timeouts</b>: connect, response headers ({@code requestTimeout}) and between body bytes
 *       ({@code readTimeout}).</li>
 *   <li><b>Retries</b> with exponential backoff (optionally jittered) on 429, 5xx, connection failures, timeouts
 *       and truncated bodies; a {@code Retry-After} header (seconds or date) is honoured, and one longer than
 *       {@code maxRetryAfter} fails at once with {@link FailureReason#SERVER_ERROR}.</li>
 *   <li><b>Per host</b> ({@code scheme://host:port}): at most {@code maxConcurrentPerHost} requests in flight,
 *       starts at least {@code minIntervalPerHost} apart.</li>
 *   <li><b>robots.txt</b> (optional, on by default): fetched once per host and cached for the fetcher's life;
 *       4xx means allow all, other failures disallow all (RFC 9309 §2.3.1).</li>
 *   <li><b>Checks</b>: maximum body size (Content-Length or counted), expected content types, truncation
 *       (fewer bytes than Content-Length / Content-Range).</li>
 *   <li><b>Resume</b>: {@link #download} writes {@code TARGET.part} and continues it with {@code Range}
 *       (and {@code If-Range} when the ETag is known) after a dropped connection or a killed process.</li>
 *   <li><b>Disk cache</b> (optional): bodies keyed by URL; revalidated with {@code If-None-Match} /
 *       {@code If-Modified-Since} or served as is ({@link CachePolicy}).</li>
 * </ul>
 *
 * <p>Failures are {@link HttpFetchException}s with a {@link FailureReason}; a batch records them per item.
 *
 * <p>Thread-safety: thread-safe; share one instance (the per-host limits are per instance). {@link #close()} is
 * idempotent; fetches after it fail.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER = 64 * 1024;

    private final Builder settings;
    private final HttpClient client;
    private final HostGate gate;
    private final DiskCache cache;
    private final ScheduledExecutorService watchdog;
    private final ConcurrentHashMap<String, RobotsRules> robots = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpFetcher(Builder b) {
        this.settings = b.copy();
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.gate = new HostGate(b.maxConcurrentPerHost, b.minIntervalPerHost);
        try {
            this.cache = b.cacheDir == null ? null : new DiskCache(b.cacheDir);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot create the HTTP cache folder " + b.cacheDir + ": " + e.getMessage()
                    + ". Choose a writable folder.", e);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "facecensus-http-read-timeout");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fetcher with the defaults listed on {@link Builder}. */
    public static HttpFetcher create() {
        return builder().build();
    }

    /** The user agent sent with every request. */
    public String userAgent() {
        return settings.userAgent;
    }

    public Fetched fetch(URI uri) {
        return fetch(FetchRequest.of(uri));
    }

    /** Fetches the body into memory (through the disk cache when there is one). */
    public Fetched fetch(FetchRequest request) {
        if (cache != null) {
            Downloaded d = viaCache(request);
            try {
                byte[] body = Files.readAllBytes(d.file());
                return new Fetched(request.uri(), request.uri(), d.fromCache() && d.attempts() > 0 ? 304 : 200,
                        d.contentType(), d.etag(), body, d.fromCache(), d.attempts());
            } catch (IOException e) {
                throw new HttpFetchException(request.uri(), FailureReason.LOCAL_IO, 0, d.attempts(),
                        "cannot read the cached body " + d.file() + ": " + e.getMessage(), e);
            }
        }
        MemorySink sink = new MemorySink();
        Outcome o = exchange(request, sink, null);
        return new Fetched(request.uri(), o.finalUri, o.status, o.contentType, o.etag, sink.out.toByteArray(),
                false, o.attempts);
    }

    /**
     * Downloads the body to {@code target}: written to {@code target.part} (resumed from its size with a Range
     * request when it exists), then moved into place atomically. Through the disk cache when there is one (the
     * cached body is copied). An existing {@code target} is replaced.
     */
    public Downloaded download(FetchRequest request, Path target) {
        Objects.requireNonNull(target, "target");
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            if (cache != null) {
                Downloaded d = viaCache(request);
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                Files.copy(d.file(), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Downloaded(d.uri(), target, d.bytes(), d.contentType(), d.etag(), d.fromCache(),
                        d.resumedFrom(), d.attempts());
            }
            return downloadTo(request, target, null).downloaded();
        } catch (IOException e) {
            throw new HttpFetchException(request.uri(), FailureReason.LOCAL_IO, 0, 0,
                    "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private Downloaded viaCache(FetchRequest request) {
        URI uri = request.uri();
        try {
            Optional<DiskCache.Entry> entry = cache.get(uri);
            if (entry.isPresent()) {
                DiskCache.Entry e = entry.get();
                if (!request.accepts(e.contentType().orElse(null))) {
                    throw new HttpFetchException(uri, FailureReason.WRONG_CONTENT_TYPE, 0, 0,
                            "cached Content-Type " + e.contentType().orElse("(none)") + ", expected "
                                    + request.expectedContentTypes(), null);
                }
                if (settings.cachePolicy == CachePolicy.PREFER_CACHED) {
                    return new Downloaded(uri, e.body(), Files.size(e.body()), e.contentType(), e.etag(), true, 0, 0);
                }
                if (e.etag().isEmpty() && e.lastModified().isEmpty()) {
                    cache.invalidate(uri);
                    entry = Optional.empty();
                }
            }
            Stored s = downloadTo(request, cache.bodyPath(uri), entry.orElse(null));
            Downloaded d = s.downloaded();
            if (!d.fromCache()) {
                cache.commit(uri, d.etag(), s.lastModified(), d.contentType());
            }
            return d;
        } catch (IOException e) {
            throw new HttpFetchException(uri, FailureReason.LOCAL_IO, 0, 0,
                    "HTTP cache " + settings.cacheDir + ": " + e.getMessage(), e);
        }
    }

    /** A download plus the Last-Modified header the cache keeps as a validator. */
    private record Stored(Downloaded downloaded, Optional<String> lastModified) {
    }

    private Stored downloadTo(FetchRequest request, Path target, DiskCache.Entry cached) throws IOException {
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path partTag = target.resolveSibling(target.getFileName() + ".part.etag");
        if (cached != null) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(partTag);
        }
        FileSink sink = new FileSink(part, partTag);
        Outcome o = exchange(request, sink, cached);
        if (o.notModified) {
            return new Stored(new Downloaded(request.uri(), cached.body(), Files.size(cached.body()),
                    cached.contentType(), cached.etag(), true, 0, o.attempts), cached.lastModified());
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(partTag);
        // resumedFrom: where this call's .part began, unless a 200 made the server start over.
        long from = o.resumedFrom > 0 ? o.resumedFrom : 0;
        return new Stored(new Downloaded(request.uri(), target, Files.size(target), o.contentType, o.etag, false,
                from, o.attempts), o.lastModified);
    }

    // ---------------------------------------------------------------------------------------------------------
    // One request with its retries.

    private record Outcome(URI finalUri, int status, Optional<String> contentType, Optional<String> etag,
                           Optional<String> lastModified, boolean notModified, long resumedFrom, int attempts) {
    }

    /** Where a body goes: memory (always from the start) or a .part file (resumable). */
    private interface Sink {
        long existing() throws IOException;

        Optional<String> validator() throws IOException;

        OutputStream open(boolean append, Optional<String> etag) throws IOException;

        void discard() throws IOException;
    }

    private static final class MemorySink implements Sink {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public long existing() {
            return 0;
        }

        @Override
        public Optional<String> validator() {
            return Optional.empty();
        }

        @Override
        public OutputStream open(boolean append, Optional<String> etag) {
            out = new ByteArrayOutputStream();
            return out;
        }

        @Override
        public void discard() {
            out = new ByteArrayOutputStream();
        }
    }

    private static final class FileSink implements Sink {
        private final Path part;
        private final Path tag;

        FileSink(Path part, Path tag) {
            this.part = part;
            this.tag = tag;
        }

        @Override
        public long existing() throws IOException {
            return Files.isRegularFile(part) ? Files.size(part) : 0;
        }

        @Override
        public Optional<String> validator() throws IOException {
            return Files.isRegularFile(tag) ? Optional.of(Files.readString(tag, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        }

        @Override
        public OutputStream open(boolean append, Optional<String> etag) throws IOException {
            if (!append) {
                if (etag.isPresent()) {
                    Files.writeString(tag, etag.get(), StandardCharsets.UTF_8);
                } else {
                    Files.deleteIfExists(tag);
                }
            }
            return Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        }

        @Override
        public void discard() throws IOException {
            Files.deleteIfExists(part);
            Files.deleteIfExists(tag);
        }
    }

    /** A failure of one attempt; {@code retryAfter} set when the server asked for a delay. */
    private static final class AttemptFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final FailureReason reason;
        final int status;
        final transient Duration retryAfter;

        AttemptFailure(FailureReason reason, int status, String detail, Duration retryAfter, Throwable cause) {
            super(detail, cause);
            this.reason = reason;
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    private Outcome exchange(FetchRequest request, Sink sink, DiskCache.Entry cached) {
        if (closed.get()) {
            throw new FaceCensusException("This HttpFetcher is closed; build a new one with HttpFetcher.builder().");
        }
        URI uri = request.uri();
        String host = hostKey(uri);
        if (host == null) {
            throw new HttpFetchException(uri, FailureReason.BAD_URL, 0, 0, "not an absolute http(s) URL", null);
        }
        if (settings.robots && !robotsFor(uri, host).allows(pathAndQuery(uri))) {
            throw new HttpFetchException(uri, FailureReason.ROBOTS_DISALLOWED, 0, 0,
                    "robots.txt of " + host + " disallows it for " + productToken(), null);
        }
        AttemptFailure last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts; attempt++) {
            if (last != null) {
                Duration delay = last.retryAfter != null ? last.retryAfter : backoff(attempt - 1);
                LOG.debug("{} failed ({}: {}); retry {} in {} ms", uri, last.reason, last.getMessage(), attempt,
                        delay.toMillis());
                sleep(delay, uri, attempt - 1);
            }
            try {
                return attempt(request, host, sink, cached, attempt);
            } catch (AttemptFailure f) {
                last = f;
                if (!f.reason.transientFailure()) {
                    throw new HttpFetchException(uri, f.reason, f.status, attempt, f.getMessage(), f.getCause());
                }
                if (f.retryAfter != null && f.retryAfter.compareTo(settings.maxRetryAfter) > 0) {
                    throw new HttpFetchException(uri, f.reason, f.status, attempt, f.getMessage()
                            + "; Retry-After " + f.retryAfter.toSeconds() + " s is over the maximum of "
                            + settings.maxRetryAfter.toSeconds() + " s", f.getCause());
                }
            }
        }
        throw new HttpFetchException(uri, last.reason, last.status, settings.maxAttempts, last.getMessage(),
                last.getCause());
    }

    private Outcome attempt(FetchRequest request, String host, Sink sink, DiskCache.Entry cached, int attempt)
            throws AttemptFailure {
        URI uri = request.uri();
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(settings.requestTimeout)
                .header("User-Agent", settings.userAgent);
        if (!request.expectedContentTypes().isEmpty()) {
            rb.header("Accept", String.join(", ", request.expectedContentTypes().stream()
                    .map(t -> t.endsWith("/") ? t + "*" : t).toList()) + ", */*;q=0.1");
        }
        long existing;
        Optional<String> partTag;
        try {
            existing = sink.existing();
            partTag = sink.validator();
        } catch (IOException e) {
            throw new AttemptFailure(FailureReason.LOCAL_IO, 0, e.getMessage(), null, e);
        }
        if (cached != null) {
            cached.etag().ifPresent(v -> rb.header("If-None-Match", v));
            if (cached.etag().isEmpty()) {
                cached.lastModified().ifPresent(v -> rb.header("If-Modified-Since", v));
            }
        } else if (existing > 0) {
            rb.header("Range", "bytes=" + existing + "-");
            partTag.filter(t -> !t.startsWith("W/")).ifPresent(t -> rb.header("If-Range", t));
        }
        HostGate.Permit permit;
        try {
            permit = gate.enter(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceCensusException("Interrupted while waiting for a slot on " + host, e);
        }
        try (permit) {
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new AttemptFailure(FailureReason.TIMEOUT, 0, "no connection within "
                        + settings.connectTimeout.toMillis() + " ms", null, e);
            } catch (HttpTimeoutException e) {
                throw new AttemptFailure(FailureReason.TIMEOUT, 0, "no response within "
                        + settings.requestTimeout.toMillis() + " ms", null, e);
            } catch (ConnectException e) {
                throw new AttemptFailure(FailureReason.CONNECTION_FAILED, 0, "connection refused or unreachable",
                        null, e);
            } catch (IOException e) {
                throw new AttemptFailure(FailureReason.CONNECTION_FAILED, 0, String.valueOf(e.getMessage()), null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaceCensusException("Interrupted while fetching " + uri, e);
            }
            try (InputStream body = resp.body()) {
                return handle(request, resp, body, sink, cached, existing, attempt);
            } catch (IOException closing) {
                throw new AttemptFailure(FailureReason.CONNECTION_FAILED, resp.statusCode(),
                        String.valueOf(closing.getMessage()), null, closing);
            }
        }
    }

    private Outcome handle(FetchRequest request, HttpResponse<InputStream> resp, InputStream body, Sink sink,
                           DiskCache.Entry cached, long existing, int attempt) throws AttemptFailure {
        int status = resp.statusCode();
        Optional<String> contentType = resp.headers().firstValue("Content-Type");
        Optional<String> etag = resp.headers().firstValue("ETag");
        Optional<String> lastMod = resp.headers().firstValue("Last-Modified");
        if (status == 304 && cached != null) {
            return new Outcome(resp.uri(), status, cached.contentType(), cached.etag(), cached.lastModified(), true,
                    0, attempt);
        }
        if (status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(resp.headers().firstValue("Retry-After").orElse(null),
                    Instant.now()).orElse(null);
            throw new AttemptFailure(FailureReason.SERVER_ERROR, status, status == 429 ? "too many requests"
                    : "server error", retryAfter, null);
        }
        if (status == 416 && existing > 0) {
            // The .part no longer fits the resource (it changed or is complete but unrecorded): start over.
            discard(sink);
            throw new AttemptFailure(FailureReason.TRUNCATED, status, "range not satisfiable; restarting", Duration.ZERO,
                    null);
        }
        if (status == 404 || status == 410) {
            throw new AttemptFailure(FailureReason.NOT_FOUND, status, "not found", null, null);
        }
        if (status == 401 || status == 403) {
            throw new AttemptFailure(FailureReason.FORBIDDEN, status, "access refused", null, null);
        }
        if (status != 200 && status != 206) {
            throw new AttemptFailure(FailureReason.CLIENT_ERROR, status, "unexpected status", null, null);
        }
        if (!request.accepts(contentType.orElse(null))) {
            throw new AttemptFailure(FailureReason.WRONG_CONTENT_TYPE, status, "Content-Type "
                    + contentType.orElse("(none)") + ", expected " + request.expectedContentTypes(), null, null);
        }
        long max = request.maxBodyBytes().orElse(settings.maxBodyBytes);
        OptionalLong declared = longHeader(resp, "Content-Length");
        boolean append = false;
        long start = 0;
        long total = declared.orElse(-1);
        if (status == 206) {
            Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
            if (!m.matches() || Long.parseLong(m.group(1)) != existing) {
                discard(sink);
                throw new AttemptFailure(FailureReason.TRUNCATED, status, "unusable Content-Range "
                        + resp.headers().firstValue("Content-Range").orElse("(none)") + "; restarting",
                        Duration.ZERO, null);
            }
            append = true;
            start = existing;
            total = m.group(3).equals("*") ? (declared.isPresent() ? existing + declared.getAsLong() : -1)
                    : Long.parseLong(m.group(3));
        }
        if (total > max) {
            throw new AttemptFailure(FailureReason.TOO_LARGE, status, total + " bytes, the maximum is " + max, null,
                    null);
        }
        long written = start;
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long period = Math.max(10, settings.readTimeout.toMillis() / 4);
        ScheduledFuture<?> watch = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastRead.get() > settings.readTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is how the blocked read is woken; its own failure changes nothing
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        OutputStream out;
        try {
            out = sink.open(append, etag);
        } catch (IOException e) {
            watch.cancel(false);
            throw new AttemptFailure(FailureReason.LOCAL_IO, 0, "cannot write the body: " + e.getMessage(), null, e);
        }
        try (out) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = readBody(body, buf, stalled, total, written, status)) >= 0) {
                lastRead.set(System.nanoTime());
                written += n;
                if (written > max) {
                    out.close();
                    discard(sink);
                    throw new AttemptFailure(FailureReason.TOO_LARGE, status, "over the maximum of " + max
                            + " bytes", null, null);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new AttemptFailure(FailureReason.LOCAL_IO, 0, "cannot write the body: " + e.getMessage(), null, e);
        } finally {
            watch.cancel(false);
        }
        if (stalled.get()) {
            throw new AttemptFailure(FailureReason.TIMEOUT, status, "no body bytes for "
                    + settings.readTimeout.toMillis() + " ms after " + written + " bytes", null, null);
        }
        if (total >= 0 && written != total) {
            throw new AttemptFailure(FailureReason.TRUNCATED, status, "got " + written + " of " + total + " bytes",
                    null, null);
        }
        return new Outcome(resp.uri(), status, contentType, etag, lastMod, false, append ? start : 0, attempt);
    }

    /** One read of the body; a failure is a timeout (the watchdog closed it), a truncation or a dropped connection. */
    private int readBody(InputStream body, byte[] buf, AtomicBoolean stalled, long total, long written, int status)
            throws AttemptFailure {
        try {
            return body.read(buf);
        } catch (IOException e) {
            if (stalled.get()) {
                throw new AttemptFailure(FailureReason.TIMEOUT, status, "no body bytes for "
                        + settings.readTimeout.toMillis() + " ms after " + written + " bytes", null, e);
            }
            if (total >= 0 && written < total) {
                throw new AttemptFailure(FailureReason.TRUNCATED, status, "got " + written + " of " + total
                        + " bytes", null, e);
            }
            throw new AttemptFailure(FailureReason.CONNECTION_FAILED, status, "while reading the body after "
                    + written + " bytes: " + e.getMessage(), null, e);
        }
    }

    private static void discard(Sink sink) throws AttemptFailure {
        try {
            sink.discard();
        } catch (IOException e) {
            throw new AttemptFailure(FailureReason.LOCAL_IO, 0, e.getMessage(), null, e);
        }
    }

    private static OptionalLong longHeader(HttpResponse<?> resp, String name) {
        Optional<String> v = resp.headers().firstValue(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private Duration backoff(int failures) {
        long base = settings.initialBackoff.toMillis() << Math.min(failures - 1, 30);
        long capped = Math.min(settings.maxBackoff.toMillis(), base);
        if (settings.jitter) {
            capped = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        }
        return Duration.ofMillis(capped);
    }

    private static void sleep(Duration d, URI uri, int attempts) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFetchException(uri, FailureReason.CONNECTION_FAILED, 0, attempts, "interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // robots.txt

    private RobotsRules robotsFor(URI uri, String host) {
        URI robotsUri = URI.create(host + "/robots.txt");
        return robots.computeIfAbsent(host, h -> {
            MemorySink sink = new MemorySink();
            try {
                exchangeRobots(robotsUri, sink);
                return RobotsRules.parse(sink.out.toString(StandardCharsets.UTF_8), productToken());
            } catch (HttpFetchException e) {
                if (e.reason() == FailureReason.NOT_FOUND || e.reason() == FailureReason.FORBIDDEN
                        || e.reason() == FailureReason.CLIENT_ERROR) {
                    return RobotsRules.ALLOW_ALL;
                }
                if (e.reason() == FailureReason.CONNECTION_FAILED || e.reason() == FailureReason.TIMEOUT) {
                    // the host itself is unreachable: report that for this item, decide robots on the next one
                    throw new HttpFetchException(uri, e.reason(), 0, e.attempts(), "fetching " + robotsUri + ": "
                            + e.getMessage(), e);
                }
                LOG.warn("robots.txt of {} unavailable ({}); treating the host as disallowed", h, e.getMessage());
                return RobotsRules.DISALLOW_ALL;
            }
        });
    }

    private void exchangeRobots(URI robotsUri, MemorySink sink) {
        // robots.txt itself is never checked against robots.txt; a private settings copy keeps this thread-safe.
        Builder b = settings.copy();
        b.robots = false;
        HttpFetcher plain = new HttpFetcher(b, client, gate, watchdog);
        plain.exchange(FetchRequest.of(robotsUri).withMaxBodyBytes(512 * 1024), sink, null);
    }

    private HttpFetcher(Builder b, HttpClient client, HostGate gate, ScheduledExecutorService watchdog) {
        this.settings = b;
        this.client = client;
        this.gate = gate;
        this.cache = null;
        this.watchdog = watchdog;
    }

    private String productToken() {
        String ua = settings.userAgent.trim();
        int end = 0;
        while (end < ua.length() && ua.charAt(end) != '/' && !Character.isWhitespace(ua.charAt(end))) {
            end++;
        }
        return ua.substring(0, end);
    }

    private static String hostKey(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String pathAndQuery(URI uri) {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watchdog.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Settings, each with a default: connect timeout 10 s, request (headers) timeout 30 s, read timeout 30 s,
     * 4 attempts, backoff 500 ms doubling to at most 30 s with jitter, Retry-After honoured up to 120 s,
     * 4 requests in flight per host, no minimum interval, robots.txt honoured, 256 MiB maximum body, no cache.
     *
     * <p>Thread-safety: not thread-safe; build on one thread.
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private boolean jitter = true;
        private Duration maxRetryAfter = Duration.ofSeconds(120);
        private int maxConcurrentPerHost = 4;
        private Duration minIntervalPerHost = Duration.ZERO;
        private boolean robots = true;
        private String userAgent = "FaceCensus/0.1 (research census of depicted people)";
        private long maxBodyBytes = 256L * 1024 * 1024;
        private Path cacheDir;
        private CachePolicy cachePolicy = CachePolicy.REVALIDATE;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.connectTimeout = connectTimeout;
            b.requestTimeout = requestTimeout;
            b.readTimeout = readTimeout;
            b.maxAttempts = maxAttempts;
            b.initialBackoff = initialBackoff;
            b.maxBackoff = maxBackoff;
            b.jitter = jitter;
            b.maxRetryAfter = maxRetryAfter;
            b.maxConcurrentPerHost = maxConcurrentPerHost;
            b.minIntervalPerHost = minIntervalPerHost;
            b.robots = robots;
            b.userAgent = userAgent;
            b.maxBodyBytes = maxBodyBytes;
            b.cacheDir = cacheDir;
            b.cachePolicy = cachePolicy;
            return b;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Time from sending the request to the response headers. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /** Longest wait between two chunks of the body. */
        public Builder readTimeout(Duration d) {
            this.readTimeout = positive(d, "readTimeout");
            return this;
        }

        /** Requests per fetch, the first included; 1 turns retries off. */
        public Builder maxAttempts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        /** The wait before the first retry; doubled for each further one, up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = nonNegative(initial, "initial backoff");
            this.maxBackoff = nonNegative(max, "max backoff");
            return this;
        }

        /** Whether each backoff is drawn from [d/2, d] so that many clients do not retry in step (default true). */
        public Builder jitter(boolean on) {
            this.jitter = on;
            return this;
        }

        /** A server asking to wait longer than this fails the fetch at once (SERVER_ERROR) instead. */
        public Builder maxRetryAfter(Duration d) {
            this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
            return this;
        }

        public Builder maxConcurrentPerHost(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrentPerHost must be at least 1, got " + n);
            }
            this.maxConcurrentPerHost = n;
            return this;
        }

        /** The minimum time between the starts of two requests to one host (a rate limit). */
        public Builder minIntervalPerHost(Duration d) {
            this.minIntervalPerHost = nonNegative(d, "minIntervalPerHost");
            return this;
        }

        /** Whether robots.txt is honoured (default true). Turn off only for hosts whose owner agreed. */
        public Builder respectRobotsTxt(boolean on) {
            this.robots = on;
            return this;
        }

        /** The User-Agent; its first token (before "/") is the name robots.txt groups are matched against. */
        public Builder userAgent(String ua) {
            if (ua == null || ua.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = ua;
            return this;
        }

        public Builder maxBodyBytes(long max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + max);
            }
            this.maxBodyBytes = max;
            return this;
        }

        /** Keeps bodies in {@code dir}, keyed by URL (created if missing). */
        public Builder cache(Path dir, CachePolicy policy) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            this.cachePolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public HttpFetcher build() {
            return new HttpFetcher(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
            }
            return d;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be zero or positive, got " + d);
            }
            return d;
        }
    }
}
