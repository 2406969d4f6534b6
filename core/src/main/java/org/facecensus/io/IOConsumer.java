package org.facecensus.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that writers passed to {@link AtomicFiles}
 * need not wrap it.
 *
 * <p>Thread-safety: as the implementation; {@link AtomicFiles} calls it once, on the calling thread.
 *
 * @param <T> what is consumed: an output stream or a file to fill
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /**
     * Consumes {@code value}.
     *
     * @param value what to write to or fill
     * @throws IOException when writing fails; the target is then left as it was
     */
    void accept(T value) throws IOException;
}
