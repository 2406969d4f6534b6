package org.facecensus.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegWriterTest {

    @Test
    void writesAJpegThatReadsBackAtTheSameSize(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[32 * 24 * 3];
        java.util.Arrays.fill(pixels, (byte) 128);
        Path target = dir.resolve("crops/face_0.jpg");
        JpegWriter.write(target, RgbImage.of(32, 24, pixels));
        RgbImage back = ImageLoader.defaults().load(target);
        assertEquals(32, back.width());
        assertEquals(24, back.height());
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }
}
