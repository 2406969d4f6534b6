package org.facecensus.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.facecensus.io.AtomicFiles;

/**
 * Writes pictures as PNG files (lossless: dataset faces, mean faces, sheets, charts), atomically, as
 * {@link JpegWriter} writes JPEG: a reader never sees a half-written image, and a failed write leaves the old
 * file in place.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class PngWriter {
    private PngWriter() {
    }

    /**
     * Writes {@code picture} to {@code target} as PNG, creating missing parent folders.
     *
     * @throws IOException when the file cannot be written, or no PNG encoder is installed
     */
    public static void write(Path target, BufferedImage picture) throws IOException {
        AtomicFiles.writeFile(target, tmp -> {
            if (!ImageIO.write(picture, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** As {@link #write(Path, BufferedImage)} for our own pixels. */
    public static void write(Path target, RgbImage picture) throws IOException {
        write(target, picture.toBufferedImage());
    }
}
