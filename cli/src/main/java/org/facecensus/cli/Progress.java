package org.facecensus.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr (items done, rate, ETA), drawn only when stderr is a terminal
 * (the launcher sets {@code -Dfacecensus.progress=true} after {@code [ -t 2 ]}), so logs and pipes
 * stay clean.
 *
 * <p>Thread-safety: thread-safe.
 */
final class Progress {
    private final PrintStream err;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private long lastDraw;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
        this.enabled = Boolean.getBoolean("facecensus.progress") && total > 1;
    }

    synchronized void step(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 200_000_000L || done == total)) {
            lastDraw = now;
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            int width = 30;
            int filled = (int) ((long) width * done / total);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.1f img/s  ETA %ds%s", "#".repeat(filled),
                    " ".repeat(width - filled), done, total, rate, Math.round((total - done) / Math.max(rate, 1e-9)),
                    failed > 0 ? "  " + failed + " failed" : "");
            if (done == total) {
                err.println();
            }
            err.flush();
        }
    }
}
