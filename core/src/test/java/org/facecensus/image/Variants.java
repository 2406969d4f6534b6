package org.facecensus.image;

import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.facecensus.testsupport.Pixels;

/**
 * Builds other encodings of a real photo in memory, with the JDK's own ImageIO writers, so each test
 * knows exactly which pixels the file holds.
 */
final class Variants {
    private Variants() {
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 16 bits per sample, 3 samples, sRGB: each 8-bit value v stored as v*257 (the exact 16-bit equivalent). */
    static BufferedImage rgb16(RgbImage src) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(src.width(), src.height());
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                int p = src.rgb(x, y);
                raster.setPixel(x, y, new int[] {(p >> 16 & 0xff) * 257, (p >> 8 & 0xff) * 257, (p & 0xff) * 257});
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** The photo's luma as grey samples of {@code bits} (8 or 16) bits, optionally with an alpha band. */
    static BufferedImage gray(RgbImage src, int bits, boolean alpha, int[] alphaOut) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(src.width(), src.height());
        int scale = bits == 16 ? 257 : 1;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                raster.setSample(x, y, 0, Pixels.luma(src.rgb(x, y)) * scale);
                if (alpha) {
                    raster.setSample(x, y, 1, alphaOut[y * src.width() + x] * scale);
                }
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** The photo quantised to AWT's default 256-colour palette (TYPE_BYTE_INDEXED). */
    static BufferedImage indexed(RgbImage src) {
        BufferedImage indexed = new BufferedImage(src.width(), src.height(), BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        try {
            g.drawImage(src.toBufferedImage(), 0, 0, null);
        } finally {
            g.dispose();
        }
        return indexed;
    }

    /** A multi-frame GIF; frames must be TYPE_BYTE_INDEXED so their colours are kept as they are. */
    static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A CMYK JPEG as Photoshop writes them: an Adobe APP14 marker (transform 0 = no colour transform)
     * and inverted samples (255 = no ink). The JDK JPEG writer encodes a 4-band raster without any
     * colour conversion; the marker is inserted after SOI by hand. C, M, Y, K come from the naive
     * separation K = 1 - max(R,G,B), C = (1-R-K)/(1-K), ...
     */
    static byte[] adobeCmykJpeg(RgbImage src) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, src.width(), src.height(), 4,
                null);
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                int p = src.rgb(x, y);
                int r = p >> 16 & 0xff;
                int g = p >> 8 & 0xff;
                int b = p & 0xff;
                int k = 255 - Math.max(r, Math.max(g, b));
                int c = k == 255 ? 0 : (255 - r - k) * 255 / (255 - k);
                int m = k == 255 ? 0 : (255 - g - k) * 255 / (255 - k);
                int ye = k == 255 ? 0 : (255 - b - k) * 255 / (255 - k);
                raster.setPixel(x, y, new int[] {255 - c, 255 - m, 255 - ye, 255 - k});
            }
        }
        byte[] plain = jdkJpeg(raster, 0.95f);
        byte[] app14 = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] out = new byte[plain.length + app14.length];
        out[0] = plain[0];
        out[1] = plain[1];
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(plain, 2, out, 2 + app14.length, plain.length - 2);
        return out;
    }

    /** Encodes a raster (any band count) with the JDK's own JPEG writer, which writes rasters as they are. */
    static byte[] jdkJpeg(Raster raster, float quality) {
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = candidate;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("the JDK JPEG writer is not registered");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(raster, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
