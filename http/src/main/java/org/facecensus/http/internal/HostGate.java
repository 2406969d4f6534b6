package org.facecensus.http.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Per-host politeness: at most {@code maxConcurrent} requests in flight to one host, and request starts at
 * least {@code minInterval} apart. A host is {@code scheme://host:port}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class HostGate {
    private final int maxConcurrent;
    private final long minIntervalNanos;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();

    public HostGate(int maxConcurrent, Duration minInterval) {
        this.maxConcurrent = maxConcurrent;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /** Waits for a slot on {@code host}; the returned permit must be closed when the response body is read. */
    public Permit enter(String host) throws InterruptedException {
        Host h = hosts.computeIfAbsent(host, k -> new Host(maxConcurrent));
        h.slots.acquire();
        try {
            long wait = h.reserveStart(minIntervalNanos);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
        } catch (InterruptedException e) {
            h.slots.release();
            throw e;
        }
        return new Permit(h);
    }

    /** A held slot; {@link #close} releases it once. */
    public static final class Permit implements AutoCloseable {
        private Host host;

        private Permit(Host host) {
            this.host = host;
        }

        @Override
        public synchronized void close() {
            if (host != null) {
                host.slots.release();
                host = null;
            }
        }
    }

    private static final class Host {
        final Semaphore slots;
        private long nextStart = Long.MIN_VALUE;

        Host(int maxConcurrent) {
            this.slots = new Semaphore(maxConcurrent, true);
        }

        /** Reserves the next start time and returns how long to wait for it, in nanoseconds. */
        synchronized long reserveStart(long interval) {
            long now = System.nanoTime();
            long start = nextStart == Long.MIN_VALUE ? now : Math.max(now, nextStart);
            nextStart = start + interval;
            return start - now;
        }
    }
}
