package org.facecensus.dataset.source;

import java.io.IOException;
import java.util.Objects;

/**
 * One image a {@link FaceSource} offers: where it came from (written into the manifest as its provenance) and how
 * to read its bytes.
 *
 * <p>Thread-safety: immutable; {@link #read()} is as thread-safe as the source's reader (a folder's is).
 *
 * @param origin the provenance: a file path, or the URL it was downloaded from
 * @param name   a file name for format hints and messages (the image loader tells formats by content)
 * @param reader reads the image's bytes
 */
public record SourceItem(String origin, String name, Reader reader) {
    public SourceItem {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reader, "reader");
    }

    /** The image's bytes. */
    public byte[] read() throws IOException {
        return reader.read();
    }

    /**
     * Reads one item's bytes (a file, a download).
     *
     * <p>Thread-safety: implementations say.
     */
    @FunctionalInterface
    public interface Reader {
        byte[] read() throws IOException;
    }
}
