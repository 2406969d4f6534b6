package org.facecensus.text;

import java.util.List;

/**
 * Finds how a catalogue description names men and women.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
public interface DescriptionMiner {

    String name();

    /** Mentions in {@code description}, in text order; empty for null, blank or non-English text. */
    List<Mention> mine(String description);
}
