package org.facecensus.spi.inference;

import java.util.Optional;
import java.util.function.Supplier;

import org.facecensus.FaceCensusException;

/**
 * The lifecycle every model-backed component shares: the session opens on first use (so creating a
 * component stays cheap), at most once however many threads ask, and closes once; after
 * {@link #close()} every use fails with a message saying to create a new component.
 *
 * <p>Thread-safety: thread-safe. {@link #close()} is idempotent and must not race with runs that
 * are still using the session.
 */
public final class LazySession implements AutoCloseable {
    private final String owner;
    private final Supplier<InferenceSession> opener;
    private volatile InferenceSession session;
    private volatile boolean closed;

    /**
     * @param owner  what users call the component, for messages, e.g. {@code "blazeface detector"}
     * @param opener opens the session (verifying and loading the model); called at most once
     */
    public LazySession(String owner, Supplier<InferenceSession> opener) {
        this.owner = owner;
        this.opener = opener;
    }

    /** The open session, opening it now if this is the first use. */
    public InferenceSession get() {
        InferenceSession s = session;
        if (s == null) {
            synchronized (this) {
                ensureOpen();
                if (session == null) {
                    session = opener.get();
                }
                s = session;
            }
        }
        ensureOpen();
        return s;
    }

    /** The session if it has been opened, without opening it (for reporting the device). */
    public Optional<InferenceSession> ifOpen() {
        return Optional.ofNullable(session);
    }

    private void ensureOpen() {
        if (closed) {
            throw new FaceCensusException("This " + owner + " is closed; create a new one.");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }
}
