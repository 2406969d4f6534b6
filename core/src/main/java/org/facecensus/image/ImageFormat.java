package org.facecensus.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * The image formats FaceCensus recognises by their first bytes (magic numbers), the ones it decodes and
 * the ones it recognises only to name them ({@link #HEIF}, {@link #AVIF}, {@link #JPEG_XL}, {@link #PSD}).
 *
 * <p>Files are told apart by content, never by extension alone: a JPEG named {@code .png} is a JPEG,
 * and a text file named {@code .jpg} is no image. {@link #sniff(byte[])} needs the first
 * {@value #SNIFF_BYTES} bytes at most.
 *
 * <p>Thread-safety: immutable; every method is safe to call from any thread.
 */
public enum ImageFormat {
    /** JPEG (JFIF, EXIF, Adobe; baseline and progressive; grey, YCbCr, CMYK, YCCK). */
    JPEG("JPEG", "jpeg", true, "jpg", "jpeg", "jpe", "jfif"),
    /** PNG (1 to 16 bits, grey, RGB, palette, alpha). */
    PNG("PNG", "png", true, "png"),
    /** GIF (first frame of an animation). */
    GIF("GIF", "gif", true, "gif"),
    /** Windows and OS/2 bitmaps. */
    BMP("BMP", "bmp", true, "bmp", "dib"),
    /** TIFF and BigTIFF (8/16 bits, grey, RGB, CMYK, palette; uncompressed, LZW, ZIP, JPEG, PackBits; tiled; pages). */
    TIFF("TIFF", "tiff", true, "tif", "tiff"),
    /** WebP (lossy, lossless, alpha; first frame of an animation). */
    WEBP("WebP", "webp", true, "webp"),
    /** JPEG 2000: the JP2 file format or a bare J2K codestream (decoded when jai-imageio-jpeg2000 is present). */
    JPEG2000("JPEG 2000", "jpeg2000", true, "jp2", "j2k", "j2c", "jpc", "jpf", "jpx"),
    /** HEIF / HEIC (phones' photos): recognised, not decoded; no pure-Java decoder exists. */
    HEIF("HEIF", null, false, "heic", "heif", "hif"),
    /** AVIF: recognised, not decoded; no pure-Java decoder exists. */
    AVIF("AVIF", null, false, "avif"),
    /** JPEG XL: recognised, not decoded; no pure-Java decoder exists. */
    JPEG_XL("JPEG XL", null, false, "jxl"),
    /** Photoshop documents: recognised, not decoded. */
    PSD("Photoshop PSD", null, false, "psd", "psb");

    /** The most bytes {@link #sniff(byte[])} looks at. */
    public static final int SNIFF_BYTES = 64;

    private static final int[] BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124};
    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10};
    private static final byte[] JXL_CONTAINER = {0, 0, 0, 12, 'J', 'X', 'L', ' ', 13, 10, (byte) 0x87, 10};
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
            "hevs", "mif1", "msf1", "mif2");

    private final String displayName;
    private final String imageIoName;
    private final boolean decodable;
    private final List<String> extensions;

    ImageFormat(String displayName, String imageIoName, boolean decodable, String... extensions) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
        this.decodable = decodable;
        this.extensions = List.of(extensions);
    }

    /** The format's usual name, e.g. "JPEG 2000". */
    public String displayName() {
        return displayName;
    }

    /** File name extensions, lower case without the dot, the usual one first. */
    public List<String> extensions() {
        return extensions;
    }

    /** The ImageIO format name its decoders register under, or null for a format FaceCensus does not decode. */
    String imageIoName() {
        return imageIoName;
    }

    /**
     * Whether {@link ImageLoader} decodes this format in this JVM: always for JPEG, PNG, GIF, BMP, TIFF and WebP;
     * for JPEG 2000 only when its decoder (the optional {@code jai-imageio-jpeg2000}) is on the classpath;
     * never for HEIF, AVIF, JPEG XL and PSD.
     */
    public boolean isDecodable() {
        if (!decodable) {
            return false;
        }
        if (this != JPEG2000) {
            return true;
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(imageIoName);
        return readers.hasNext();
    }

    /**
     * Why this format is not decoded and what to do instead, for error messages; empty when {@link
     * #isDecodable()}.
     */
    public String unsupportedReason() {
        return switch (this) {
            case HEIF -> "HEIF/HEIC is not supported (no pure-Java decoder exists); convert it to JPEG or TIFF "
                    + "first, e.g. with libheif's heif-convert";
            case AVIF -> "AVIF is not supported (no pure-Java decoder exists); convert it to PNG or JPEG first, "
                    + "e.g. with libavif's avifdec";
            case JPEG_XL -> "JPEG XL is not supported (no pure-Java decoder exists); convert it to PNG or JPEG "
                    + "first, e.g. with libjxl's djxl";
            case PSD -> "Photoshop documents are not supported; export a flattened TIFF, PNG or JPEG";
            case JPEG2000 -> isDecodable() ? ""
                    : "JPEG 2000 needs the optional decoder com.github.jai-imageio:jai-imageio-jpeg2000 on the "
                            + "classpath (the facecensus command has it; a library user adds the dependency, after "
                            + "reading its JJ2000 licence), or convert the file to TIFF or PNG first";
            default -> "";
        };
    }

    /** Every extension of a format this JVM decodes (see {@link #isDecodable()}), lower case. */
    public static Set<String> decodableExtensions() {
        Set<String> out = new LinkedHashSet<>();
        for (ImageFormat f : values()) {
            if (f.isDecodable()) {
                out.addAll(f.extensions);
            }
        }
        return out;
    }

    /** The format whose extensions include {@code extension} (any case, no dot). */
    public static Optional<ImageFormat> forExtension(String extension) {
        String e = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(e)).findFirst();
    }

    /**
     * The format the first bytes of a file announce, or empty for anything else (text, PDF, video, ...).
     * Looks at {@code head[0 .. min(head.length, }{@value #SNIFF_BYTES}{@code )}; a shorter head is fine.
     */
    public static Optional<ImageFormat> sniff(byte[] head) {
        int n = head.length;
        // SOI alone: a file that starts with it and then breaks is a corrupt JPEG, not "no image".
        if (n >= 2 && u(head, 0) == 0xff && u(head, 1) == 0xd8) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        // "BM" alone starts too much text ("BMW ..."): the DIB header's size must be one that exists.
        if (n >= 18 && head[0] == 'B' && head[1] == 'M') {
            int dib = u(head, 14) | u(head, 15) << 8 | u(head, 16) << 16 | u(head, 17) << 24;
            if (Arrays.stream(BMP_HEADER_SIZES).anyMatch(s -> s == dib)) {
                return Optional.of(BMP);
            }
        }
        // Classic TIFF (42) and BigTIFF (43), either byte order.
        if (n >= 4 && ((head[0] == 'I' && head[1] == 'I' && (u(head, 2) == 42 || u(head, 2) == 43) && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (u(head, 3) == 42 || u(head, 3) == 43)))) {
            return Optional.of(TIFF);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        // The JP2 signature box, or a raw codestream: SOC marker followed by SIZ.
        if (startsWith(head, 0, JP2_SIGNATURE) || (n >= 4 && u(head, 0) == 0xff && u(head, 1) == 0x4f
                && u(head, 2) == 0xff && u(head, 3) == 0x51)) {
            return Optional.of(JPEG2000);
        }
        if (startsWith(head, 0, JXL_CONTAINER) || (n >= 2 && u(head, 0) == 0xff && u(head, 1) == 0x0a)) {
            return Optional.of(JPEG_XL);
        }
        if (startsWith(head, 0, ascii("8BPS"))) {
            return Optional.of(PSD);
        }
        if (startsWith(head, 4, ascii("ftyp"))) {
            return isoMediaImage(head);
        }
        return Optional.empty();
    }

    /**
     * As {@link #sniff(byte[])}, on the first bytes of {@code file}.
     *
     * @throws IOException when the file cannot be opened or read
     */
    public static Optional<ImageFormat> sniff(Path file) throws IOException {
        return sniff(head(file));
    }

    /**
     * The first {@value #SNIFF_BYTES} bytes of a file (fewer when it is shorter).
     *
     * @throws IOException when the file cannot be opened or read
     */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    /** HEIF and AVIF are ISO base media files: an ftyp box whose brands say which (an MP4 video is neither). */
    private static Optional<ImageFormat> isoMediaImage(byte[] head) {
        int boxSize = u(head, 0) << 24 | u(head, 1) << 16 | u(head, 2) << 8 | u(head, 3);
        int end = Math.min(head.length, Math.max(boxSize, 12));
        boolean heif = false;
        // Major brand at 8, minor version at 12, compatible brands from 16 on.
        for (int at = 8; at + 4 <= end; at = at == 8 ? 16 : at + 4) {
            String brand = new String(head, at, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) {
                return Optional.of(AVIF);
            }
            heif |= HEIF_BRANDS.contains(brand);
        }
        return heif ? Optional.of(HEIF) : Optional.empty();
    }

    private static int u(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] head, int offset, byte[] prefix) {
        if (head.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
