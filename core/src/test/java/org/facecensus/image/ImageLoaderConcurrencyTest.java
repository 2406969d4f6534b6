package org.facecensus.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One shared ImageLoader used from 8 threads gives exactly the serial results. */
class ImageLoaderConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 2;

    @TempDir
    Path dir;

    @Test
    void parallelLoadsMatchSerialLoads() throws Exception {
        List<Path> files = new ArrayList<>(SharedData.jpegs("data/dlib-faces", 4));
        files.addAll(SharedData.grayscaleJpegs(2));
        files.addAll(SharedData.jpegs("data/utkface/test", 2));
        Path photoFile = SharedData.file(SharedData.PORTRAIT_JPEG);
        RgbImage photo = ImageLoader.defaults().load(photoFile);
        files.add(Files.write(dir.resolve("p.png"), Variants.encode(Variants.rgb16(photo), "png")));
        files.add(Files.write(dir.resolve("i.gif"), Variants.encode(Variants.indexed(photo), "gif")));
        files.add(Files.write(dir.resolve("b.bmp"), Variants.encode(photo.toBufferedImage(), "bmp")));
        files.add(Files.write(dir.resolve("c.jpg"), Variants.adobeCmykJpeg(photo)));
        files.add(Files.write(dir.resolve("r.jpg"), ExifOrientationTest.withApp1(SharedData.readAll(photoFile),
                ExifOrientationTest.exifSegment(ExifOrientationTest.tiffWithOrientation(ByteOrder.BIG_ENDIAN, 6)))));
        // The archival decoders too: TIFF pages, CMYK TIFF and JPEG 2000 (JJ2000 keeps per-thread loggers).
        files.add(Files.write(dir.resolve("pages.tif"), Variants.tiff(List.of(photo.toBufferedImage(),
                Variants.gray(photo, 16, false, null)), "LZW", false, null)));
        files.add(Files.write(dir.resolve("cmyk.tif"), Variants.tiff(Variants.cmyk(photo), "Deflate", true)));
        files.add(Files.write(dir.resolve("l.jp2"), Variants.jpeg2000(photo.toBufferedImage(), true, 0, false)));
        files.add(Files.write(dir.resolve("y.j2k"), Variants.jpeg2000(photo.toBufferedImage(), false, 1.0, true)));
        Path truncated = Files.write(dir.resolve("t.jpg"), java.util.Arrays.copyOf(SharedData.readAll(photoFile), 20000));

        ImageLoader loader = ImageLoader.defaults();
        List<byte[]> serial = new ArrayList<>();
        for (Path f : files) {
            serial.add(loader.load(f).toByteArray());
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<byte[]> mine = new ArrayList<>();
                    for (int i = 0; i < files.size(); i++) {
                        mine.add(null);
                    }
                    for (int round = 0; round < ROUNDS; round++) {
                        // Each thread walks the files from its own starting point, so different formats overlap.
                        for (int k = 0; k < files.size(); k++) {
                            int i = (k + offset) % files.size();
                            byte[] pixels = loader.load(files.get(i)).toByteArray();
                            if (mine.get(i) == null) {
                                mine.set(i, pixels);
                            } else {
                                assertArrayEquals(mine.get(i), pixels, "same thread, two rounds: " + files.get(i));
                            }
                        }
                        // A failing file in the mix must fail the same way under contention.
                        ImageLoadException e = org.junit.jupiter.api.Assertions.assertThrows(ImageLoadException.class,
                                () -> loader.load(truncated));
                        assertEquals(ImageLoadException.Problem.TRUNCATED, e.problem());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<byte[]>> result : results) {
                List<byte[]> parallel = result.get(120, TimeUnit.SECONDS);
                for (int i = 0; i < files.size(); i++) {
                    assertArrayEquals(serial.get(i), parallel.get(i), "pixels differ for " + files.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
