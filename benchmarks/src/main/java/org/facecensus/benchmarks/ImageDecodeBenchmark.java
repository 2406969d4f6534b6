package org.facecensus.benchmarks;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one real photo from memory to 8-bit sRGB, single thread (the peers' "decode" stage), in each format the
 * loader reads, side by side: {@code jpeg} is the file as it is; every other format is made from its decoded pixels
 * at setup ({@code png} and {@code tiff-lzw} by the JDK's writers, {@code webp-lossless} and {@code webp-lossy}
 * (quality 90) by libwebp's {@code cwebp}, from Debian's webp package, {@code jp2-lossless} and {@code jp2-lossy}
 * (2 bits per pixel) by jai-imageio's JJ2000 encoder).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar ImageDecode -p image=/tmp/peers-cache/images/sample1.jpg}
 * ({@code -p format=jpeg,tiff-lzw} for some formats only).
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImageDecodeBenchmark {
    @Param("../shared/data/dlib-faces/2008_002470.jpg")
    public String image;

    @Param({"jpeg", "png", "tiff-lzw", "webp-lossless", "webp-lossy", "jp2-lossless", "jp2-lossy"})
    public String format;

    private byte[] bytes;
    private final ImageLoader loader = ImageLoader.defaults();

    @Setup
    public void encode() throws Exception {
        byte[] jpeg = Files.readAllBytes(Path.of(image));
        if (format.equals("jpeg")) {
            bytes = jpeg;
            return;
        }
        BufferedImage pixels = loader.decode(jpeg, image).toBufferedImage();
        bytes = switch (format) {
            case "png" -> write(pixels, "png", null);
            case "tiff-lzw" -> write(pixels, "tiff", "LZW");
            case "webp-lossless" -> cwebp(pixels, "-lossless");
            case "webp-lossy" -> cwebp(pixels, "-q", "90");
            case "jp2-lossless" -> jpeg2000(pixels, true);
            case "jp2-lossy" -> jpeg2000(pixels, false);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }

    @Benchmark
    public RgbImage decode() {
        return loader.decode(bytes, image + " as " + format);
    }

    /** With the JDK's own writer (a plugin's TIFF writer would write something else). */
    private static byte[] write(BufferedImage image, String formatName, String compression) throws IOException {
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(formatName); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (writer == null || w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] jpeg2000(BufferedImage image, boolean lossless) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
            param.setLossless(lossless);
            if (!lossless) {
                param.setEncodingRate(2.0);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** No Java library writes WebP: libwebp's cwebp does (apt-get install -y webp). */
    private static byte[] cwebp(BufferedImage image, String... options) throws IOException, InterruptedException {
        Path cwebp = Path.of("/usr/bin/cwebp");
        if (!Files.isExecutable(cwebp)) {
            throw new IllegalStateException("no " + cwebp + ": apt-get install -y webp to benchmark WebP decoding");
        }
        Path dir = Files.createTempDirectory("decode-bench");
        try {
            Path png = dir.resolve("in.png");
            Path webp = dir.resolve("out.webp");
            ImageIO.write(image, "png", png.toFile());
            List<String> command = new java.util.ArrayList<>(List.of(cwebp.toString(), "-quiet"));
            command.addAll(List.of(options));
            command.addAll(List.of(png.toString(), "-o", webp.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return Files.readAllBytes(webp);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
