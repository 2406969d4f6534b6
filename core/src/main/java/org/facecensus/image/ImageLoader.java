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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Decodes image files to {@link RgbImage}: JPEG (including CMYK and YCCK), PNG (8 and 16 bit, palette,
 * alpha), BMP, GIF (first frame), TIFF (8/16 bit, grey, RGB, CMYK, palette; LZW, ZIP, JPEG, PackBits; strips or
 * tiles; any page), WebP (lossy, lossless, alpha; first frame) and JPEG 2000 (JP2 or J2K, when the optional
 * decoder is on the classpath), with the EXIF/TIFF orientation applied. The format is told by the first bytes
 * ({@link ImageFormat#sniff(byte[])}), never by the file name. The header is read first and images above
 * {@link #maxPixels()} are refused before any pixel memory is allocated.
 *
 * <p>Every image becomes 8-bit sRGB: 16-bit samples are scaled (v × 255 / 65535, rounded), CMYK is converted
 * to RGB (through the file's ICC profile when it has one, else by the plain formula R = (1 − C)(1 − K) ...),
 * and alpha is composited over white (a transparent background reads as a white page, not as black).
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

    /** Loads the image in {@code file} (its first page, for a multi-page TIFF). */
    public RgbImage load(Path file) {
        return load(file, 0);
    }

    /**
     * Loads page {@code page} (from 0) of {@code file}: a TIFF's pages are its full-resolution images, in file
     * order (reduced-resolution previews and transparency masks are not pages); every other format has one
     * page, an animated GIF or WebP's first frame (animation frames are not pages).
     *
     * @throws ImageLoadException with {@link ImageLoadException.Problem#NO_SUCH_PAGE} when the file has no
     *                            such page, and the other problems as {@link #load(Path)}
     */
    public RgbImage load(Path file, int page) {
        return decode(readFile(file), file.toString(), page);
    }

    /**
     * How many pages {@link #load(Path, int)} can load from {@code file}: a TIFF's full-resolution images, 1 for
     * every other format. Reads only the TIFF's directories, not its pixels.
     *
     * @throws ImageLoadException when the file is missing, unreadable, not an image, of an unsupported format,
     *                            or a TIFF whose directories cannot be read
     */
    public int pageCount(Path file) {
        String name = file.toString();
        checkReadable(file, name);
        ImageFormat format;
        try {
            format = ImageFormat.sniff(file).orElse(null);
        } catch (IOException e) {
            throw readFailure(e, name);
        }
        if (format != ImageFormat.TIFF) {
            if (format == null || !format.isDecodable()) {
                // The same specific error the decoder gives.
                decode(readFile(file), name, 0);
            }
            return 1;
        }
        // A file-backed stream: the directories are read where they are, the strips are never touched.
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name, "cannot open file", null);
            }
            ImageReader reader = reader(format, in, name);
            try {
                reader.setInput(in, false, true);
                return pages(reader, Integer.MAX_VALUE).size();
            } catch (IOException | RuntimeException e) {
                throw new ImageLoadException(truncation(e) ? ImageLoadException.Problem.TRUNCATED
                        : ImageLoadException.Problem.CORRUPT, name,
                        "unreadable TIFF directories: " + message(e), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw readFailure(e, name);
        }
    }

    private static void checkReadable(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            throw new ImageLoadException(ImageLoadException.Problem.NOT_FOUND, name,
                    Files.isDirectory(file) ? "is a directory, not an image file" : "no such file", null);
        }
    }

    private static byte[] readFile(Path file) {
        String name = file.toString();
        try {
            checkReadable(file, name);
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageLoadException(ImageLoadException.Problem.TOO_LARGE, name,
                        "file is " + size + " bytes, more than the " + MAX_FILE_BYTES + " bytes an image may have",
                        null);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw readFailure(e, name);
        }
    }

    private static ImageLoadException readFailure(IOException e, String name) {
        if (e instanceof NoSuchFileException) {
            return new ImageLoadException(ImageLoadException.Problem.NOT_FOUND, name, "no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name,
                    "permission denied; check the file's permissions", e);
        }
        return new ImageLoadException(ImageLoadException.Problem.UNREADABLE, name,
                "cannot read file: " + e.getMessage(), e);
    }

    /** Decodes an image held in memory (its first page); {@code name} is used in error messages. */
    public RgbImage decode(byte[] bytes, String name) {
        return decode(bytes, name, 0);
    }

    /** Decodes page {@code page} (from 0; see {@link #load(Path, int)}) of an image held in memory. */
    public RgbImage decode(byte[] bytes, String name, int page) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more: " + page);
        }
        if (bytes.length == 0) {
            throw new ImageLoadException(ImageLoadException.Problem.EMPTY_FILE, name, "file is empty (0 bytes)", null);
        }
        ImageFormat format = ImageFormat.sniff(bytes.length <= ImageFormat.SNIFF_BYTES ? bytes
                : Arrays.copyOf(bytes, ImageFormat.SNIFF_BYTES)).orElse(null);
        if (format == null) {
            throw new ImageLoadException(ImageLoadException.Problem.NOT_AN_IMAGE, name,
                    "not a recognised image format (starts with " + describeMagic(bytes) + "); supported: "
                            + supportedList(), null);
        }
        if (!format.isDecodable()) {
            throw new ImageLoadException(ImageLoadException.Problem.UNSUPPORTED_FORMAT, name,
                    format.displayName() + " file: " + format.unsupportedReason(), null);
        }
        Decoded decoded = decodePage(bytes, name, format, page);
        RgbImage rgb = RgbImage.fromBufferedImage(decoded.image());
        if (applyExifOrientation) {
            int orientation = decoded.orientation() >= 0 ? decoded.orientation() : exifOrientation(bytes);
            if (orientation > 1) {
                rgb = Orientation.apply(rgb, orientation);
            }
        }
        return rgb;
    }

    /** The decodable formats' names, for "supported: ..." in messages. */
    private static String supportedList() {
        StringBuilder out = new StringBuilder();
        for (ImageFormat f : ImageFormat.values()) {
            if (f.isDecodable()) {
                out.append(out.length() == 0 ? "" : ", ").append(f.displayName());
            }
        }
        return out.toString();
    }

    /**
     * A decoded page, with the EXIF/TIFF orientation its own directory gives (TIFF), or -1 when the file's
     * metadata is to be asked (every other format).
     */
    private record Decoded(BufferedImage image, int orientation) {
    }

    private Decoded decodePage(byte[] bytes, String name, ImageFormat format, int page) {
        if (format == ImageFormat.WEBP) {
            // TwelveMonkeys' lossless WebP decoder reads a cut file to the end and returns the rest as garbage,
            // without an error; the RIFF header's length tells.
            long declared = ((bytes[4] & 0xffL) | (bytes[5] & 0xffL) << 8 | (bytes[6] & 0xffL) << 16
                    | (bytes[7] & 0xffL) << 24) + 8;
            if (declared > bytes.length) {
                throw new ImageLoadException(ImageLoadException.Problem.TRUNCATED, name, "truncated WebP data: its "
                        + "RIFF header announces " + declared + " bytes, the file has " + bytes.length, null);
            }
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(format, in, name);
            List<String> warnings = new ArrayList<>();
            try {
                // Seeking back is needed only to count pages; the bytes are in memory either way.
                reader.setInput(in, format != ImageFormat.TIFF, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int index;
                int width;
                int height;
                int orientation = -1;
                try {
                    index = page;
                    if (format == ImageFormat.TIFF) {
                        // Directories past the one asked for are not read (a 500-page TIFF stays linear).
                        List<Integer> pages = pages(reader, page + 1);
                        if (page >= pages.size()) {
                            throw new ImageLoadException(ImageLoadException.Problem.NO_SUCH_PAGE, name,
                                    "page " + (page + 1) + " asked for, but the TIFF has " + pages.size() + " page"
                                            + (pages.size() == 1 ? "" : "s"), null);
                        }
                        index = pages.get(page);
                        orientation = tiffField(reader.getImageMetadata(index), TAG_ORIENTATION);
                        orientation = orientation >= 1 && orientation <= 8 ? orientation : 1;
                    } else if (page > 0) {
                        throw new ImageLoadException(ImageLoadException.Problem.NO_SUCH_PAGE, name,
                                "page " + (page + 1) + " asked for, but a " + format.displayName()
                                        + " file has one page (only TIFF files have pages)", null);
                    }
                    width = reader.getWidth(index);
                    height = reader.getHeight(index);
                } catch (IOException | RuntimeException e) {
                    if (e instanceof ImageLoadException ile) {
                        throw ile;
                    }
                    throw new ImageLoadException(truncation(e) ? ImageLoadException.Problem.TRUNCATED
                            : ImageLoadException.Problem.CORRUPT, name,
                            "unreadable " + format.displayName() + " header: " + message(e), e);
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
                    image = reader.read(index);
                } catch (IOException | RuntimeException e) {
                    // Some decoders (GIF) report a cut-off file only as a bad block once they hit the end.
                    boolean truncated = truncation(e) || consumedAll(in, bytes.length);
                    throw new ImageLoadException(truncated ? ImageLoadException.Problem.TRUNCATED
                            : ImageLoadException.Problem.CORRUPT, name,
                            (truncated ? "truncated " : "corrupt ") + format.displayName() + " data: " + message(e), e);
                }
                for (String warning : warnings) {
                    // The JDK JPEG decoder only warns on a cut-off file and fills the rest with grey.
                    if (warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new ImageLoadException(ImageLoadException.Problem.TRUNCATED, name,
                                "truncated " + format.displayName() + " data: " + warning, null);
                    }
                }
                return new Decoded(image, orientation);
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

    /**
     * The decoder for {@code format} that accepts the stream, TwelveMonkeys' first, then the JDK's, then any
     * other: jai-imageio (the JPEG 2000 decoder's base) also registers TIFF and BMP readers, which would
     * otherwise win by registration order, and the JDK's TIFF reader turns CMYK colours wrong.
     */
    private static ImageReader reader(ImageFormat format, ImageInputStream in, String name) throws IOException {
        List<ImageReader> candidates = new ArrayList<>();
        ImageIO.getImageReadersByFormatName(format.imageIoName()).forEachRemaining(candidates::add);
        candidates.sort(Comparator.comparingInt(ImageLoader::preference));
        ImageReader chosen = null;
        for (ImageReader r : candidates) {
            if (chosen == null && r.getOriginatingProvider() != null && r.getOriginatingProvider().canDecodeInput(in)) {
                chosen = r;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            throw new ImageLoadException(ImageLoadException.Problem.CORRUPT, name,
                    "starts like " + format.displayName() + " (" + describeMagic(in) + ") but no "
                            + format.displayName() + " decoder accepts the data after the signature", null);
        }
        return chosen;
    }

    private static int preference(ImageReader reader) {
        String cls = reader.getClass().getName();
        return cls.startsWith("com.twelvemonkeys.") ? 0 : cls.startsWith("com.sun.imageio.") ? 1 : 2;
    }

    private static final int TAG_NEW_SUBFILE_TYPE = 254;
    private static final int TAG_SUBFILE_TYPE = 255;
    private static final int TAG_ORIENTATION = 274;

    /**
     * The image indexes of a TIFF's pages: every directory except reduced-resolution previews (NewSubfileType
     * bit 0, or the old SubfileType 2) and transparency masks (bit 2), which scanners and cameras add beside the
     * real image. When a directory's tags cannot be read it counts as a page (its decode then says what is wrong).
     * Stops after {@code limit} pages.
     */
    private static List<Integer> pages(ImageReader reader, int limit) throws IOException {
        int count = reader.getNumImages(true);
        List<Integer> pages = new ArrayList<>();
        for (int i = 0; i < count && pages.size() < limit; i++) {
            IIOMetadata metadata;
            try {
                metadata = reader.getImageMetadata(i);
            } catch (IOException | RuntimeException e) {
                pages.add(i);
                continue;
            }
            int newSubfile = tiffField(metadata, TAG_NEW_SUBFILE_TYPE);
            int oldSubfile = tiffField(metadata, TAG_SUBFILE_TYPE);
            boolean preview = newSubfile > 0 && (newSubfile & 1) != 0 || oldSubfile == 2;
            boolean mask = newSubfile > 0 && (newSubfile & 4) != 0;
            if (!preview && !mask) {
                pages.add(i);
            }
        }
        return pages;
    }

    /** The first value of a numeric TIFF tag in a directory's metadata, or -1 when absent or unreadable. */
    private static int tiffField(IIOMetadata metadata, int tag) {
        if (metadata == null) {
            return -1;
        }
        String formatName = metadata.getNativeMetadataFormatName();
        if (formatName == null || !formatName.contains("tiff")) {
            return -1;
        }
        try {
            Node root = metadata.getAsTree(formatName);
            for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
                for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
                    if (!"TIFFField".equals(field.getNodeName()) || !String.valueOf(tag).equals(attribute(field, "number"))) {
                        continue;
                    }
                    // TIFFField > TIFFShorts|TIFFLongs > TIFFShort|TIFFLong value=...
                    Node values = field.getFirstChild();
                    Node first = values == null ? null : values.getFirstChild();
                    String value = first == null ? null : attribute(first, "value");
                    return value == null ? -1 : Integer.parseInt(value.trim());
                }
            }
            return -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String attribute(Node node, String name) {
        NamedNodeMap attributes = node.getAttributes();
        Node a = attributes == null ? null : attributes.getNamedItem(name);
        return a == null ? null : a.getNodeValue();
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

    private static String describeMagic(ImageInputStream in) {
        try {
            byte[] head = new byte[4];
            in.mark();
            int n = in.read(head);
            in.reset();
            return describeMagic(n <= 0 ? new byte[0] : Arrays.copyOf(head, n));
        } catch (IOException e) {
            return "unreadable bytes";
        }
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
