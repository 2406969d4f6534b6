package org.facecensus.image;

import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.facecensus.io.AtomicFiles;

/**
 * Writes face crops and other pictures as JPEG files (ImageIO's default quality), atomically: a
 * reader never sees a half-written image, and a failed write leaves the old file in place.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class JpegWriter {
    private JpegWriter() {
    }

    /**
     * Writes {@code picture} to {@code target} as JPEG, creating missing parent folders.
     *
     * @param target  the {@code .jpg} file to create or replace
     * @param picture the pixels
     * @throws IOException when the file cannot be written, or no JPEG encoder is installed
     */
    public static void write(Path target, RgbImage picture) throws IOException {
        AtomicFiles.writeFile(target, tmp -> {
            if (!ImageIO.write(picture.toBufferedImage(), "jpg", tmp.toFile())) {
                throw new IOException("no JPEG writer available");
            }
        });
    }
}
