package org.facecensus.dataset.source;

import java.util.List;

/**
 * Where a dataset's images come from: a folder now; a list of URLs downloaded over HTTP(S) is the next kind (it
 * needs the shared HTTP client with resume, timeouts, size and type checks, per-host rate limits and robots.txt).
 * A source lists its items up front so a resumed build knows which are done; reading an item's bytes may fail for
 * that item alone, and the build records it and goes on.
 *
 * <p>Thread-safety: implementations must allow {@link SourceItem#read()} from several threads.
 */
public interface FaceSource {

    /** What the source is, for the manifest and messages: {@code folder:/data/raw}. */
    String describe();

    /** Every item, in a stable order (the same on every run, so a resumed build is the same build). */
    List<SourceItem> items();
}
