package org.facecensus.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Decodes image files to {@link RgbImage}: JPEG (including CMYK and YCCK, through the TwelveMonkeys
 * ImageIO plugin), PNG (8 and 16 bit, palette, alpha), BMP, GIF (first frame) and greyscale, with
 * the EXIF orientation applied. The header is read first and images above
 * {@link #maxPixels()} are refused before any pixel memory is allocated.
 *
 * <p>Every failure is an {@link ImageLoadException} naming the file and the {@link
 * ImageLoadException.Problem}; nothing else escapes, so a caller processing many files catches one
 * type and goes on.
 *
 * <p>Thread-safety: immutable and thread-safe; each call uses its own decoder.
 */
public final class ImageLoader {
    /** 100 megapixels: a 10,000×10,000 scan still loads, a hostile 30,000×30,000 header does not. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Files larger than this are not read into memory at all. */
    private static final long MAX_FILE_BYTES = 1L << 30;

    static {
        // Decode in memory: the default disk cache is slower and leaves temp files behind on crashes.
        ImageIO.setUseCache(false);
    }

    private final long maxPixels;
    private final boolean applyExifOrientation;

    private ImageLoader(long maxPixels, boolean applyExifOrientation) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive: " + maxPixels);
        }
        this.maxPixels = maxPixels;
        this.applyExifOrientation = applyExifOrientation;
    }

    /** Default limits: 100 MP, EXIF orientation applied. */
    public static ImageLoader defaults() {
        return new ImageLoader(DEFAULT_MAX_PIXELS, true);
    }

    public ImageLoader withMaxPixels(long maxPixels) {
        return new ImageLoader(maxPixels, applyExifOrientation);
    }

    /** Peer tools read raw pixel order; turn orientation off to compare with them on rotated files. */
    public ImageLoader withExifOrientation(boolean apply) {
        return new ImageLoader(maxPixels, apply);
    }

    public long maxPixels() {
        return maxPixels;
    }

    public RgbImage load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ImageLoadException(ImageLoadException.Problem.NOT_FOUND, name,
                        Files.isDirectory(file) ? "is a directory, not an image file" : "no such file", null);
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageLoadException(ImageLoadException.Problem.TOO_LARGE, name,
                        "file is " + size + " bytes, more than the " + MAX_FILE_BYTES + " bytes an image may have",
                        null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageLoadException(ImageLoadException.Problem.NOT_FOUND, name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name,
                    "permission denied; check the file's permissions", e);
        } catch (IOException e) {
            throw new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name,
                    "cannot read file: " + e.getMessage(), e);
        }
        return decode(bytes, name);
    }

    /** Decodes an image held in memory; {@code name} is used in error messages. */
    public RgbImage decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new ImageLoadException(ImageLoadException.Problem.EMPTY_FILE, name, "file is empty (0 bytes)", null);
        }
        BufferedImage decoded = decodeFirstFrame(bytes, name);
        RgbImage rgb = RgbImage.fromBufferedImage(decoded);
        if (applyExifOrientation) {
            int orientation = exifOrientation(bytes);
            if (orientation > 1) {
                rgb = Orientation.apply(rgb, orientation);
            }
        }
        return rgb;
    }

    private BufferedImage decodeFirstFrame(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageLoadException(ImageLoadException.Problem.NOT_AN_IMAGE, name,
                        "not a recognised image format (starts with " + describeMagic(bytes)
                                + "); supported: JPEG, PNG, BMP, GIF", null);
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageLoadException(truncation(e) ? ImageLoadException.Problem.TRUNCATED
                            : ImageLoadException.Problem.CORRUPT, name,
                            "unreadable " + format(reader) + " header: " + message(e), e);
                }
                if ((long) width * height > maxPixels) {
                    throw new ImageLoadException(ImageLoadException.Problem.TOO_LARGE, name,
                            format(reader) + " of " + width + "x" + height + " = " + (long) width * height
                                    + " pixels exceeds the limit of " + maxPixels
                                    + " pixels; raise it with --max-pixels (ImageLoader.withMaxPixels) if intended",
                            null);
                }
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    // Some decoders (GIF) report a cut-off file only as a bad block once they hit the end.
                    boolean truncated = truncation(e) || consumedAll(in, bytes.length);
                    throw new ImageLoadException(truncated ? ImageLoadException.Problem.TRUNCATED
                            : ImageLoadException.Problem.CORRUPT, name,
                            (truncated ? "truncated " : "corrupt ") + format(reader) + " data: " + message(e), e);
                }
                for (String warning : warnings) {
                    // The JDK JPEG decoder only warns on a cut-off file and fills the rest with grey.
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new ImageLoadException(ImageLoadException.Problem.TRUNCATED, name,
                                "truncated " + format(reader) + " data: " + warning, null);
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name, message(e), e);
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(ImageLoadException.Problem.TOO_LARGE, name,
                    "decoding needs more memory than the JVM has (" + e.getMessage() + "); give it more with -Xmx"
                            + " or lower the pixel limit", null);
        }
    }

    private static boolean truncation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("premature end") || m.contains("unexpected end") || m.contains("eof")
                    || m.contains("truncat")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the decoder had read every byte when it failed: the data ran out before the image did. */
    private static boolean consumedAll(ImageInputStream in, int length) {
        try {
            return in.getStreamPosition() >= length;
        } catch (IOException e) {
            return false;
        }
    }

    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage();
        if (root != e && root.getMessage() != null) {
            m = (m == null ? "" : m + ": ") + root.getMessage();
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static String format(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    private static String describeMagic(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            int b = bytes[i] & 0xff;
            hex.append(String.format(Locale.ROOT, "%02x ", b));
            text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return hex.toString().strip() + " \"" + text + "\"";
    }

    private static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            for (ExifIFD0Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
            return 1;
        } catch (ImageProcessingException | IOException | com.drew.metadata.MetadataException | RuntimeException e) {
            // Broken metadata must not cost the pixels: decode in stored order.
            return 1;
        }
    }
}
