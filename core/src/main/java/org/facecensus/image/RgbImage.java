package org.facecensus.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An 8-bit sRGB image: the one pixel type every FaceCensus stage consumes. Pixels are interleaved
 * R, G, B, row-major, top row first, with no padding. Independent of AWT and OpenCV at the API;
 * {@link #fromBufferedImage} and {@link #toBufferedImage} bridge to AWT.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Wraps a copy of {@code rgb} (length {@code width*height*3}). */
    public static RgbImage of(int width, int height, byte[] rgb) {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " bytes for " + width + "x"
                    + height + " RGB, got " + rgb.length);
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /** Takes ownership of {@code rgb} without copying; for pipeline code that just made the array. */
    static RgbImage wrap(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb);
    }

    /** Converts any AWT image; alpha is composited over white, grey stays grey. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        return ColorConversion.toRgb(image);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long pixelCount() {
        return (long) width * height;
    }

    /** Packed {@code 0xRRGGBB} at (x, y). */
    public int rgb(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }

    /** A read-only view of the interleaved RGB bytes, no copy. */
    public ByteBuffer pixels() {
        return ByteBuffer.wrap(rgb).asReadOnlyBuffer();
    }

    /** A copy of the interleaved RGB bytes. */
    public byte[] toByteArray() {
        return rgb.clone();
    }

    /** Direct access for the image package's own loops. */
    byte[] data() {
        return rgb;
    }

    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
