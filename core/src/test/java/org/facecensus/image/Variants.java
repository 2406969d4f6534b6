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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.ImageOutputStream;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
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

    /**
     * A TIFF written by the JDK's own TIFF writer (independent of the TwelveMonkeys reader the loader uses), one
     * page per image, with {@code compression} ("LZW", "ZLib", "Deflate", "PackBits", "JPEG"; null: none), in
     * 64×64 tiles when {@code tiled}, in Motorola byte order (MM: the JDK writer ignores the stream's order).
     * {@code pageMetadata} may give a page extra TIFF fields (or null).
     */
    static byte[] tiff(List<BufferedImage> pages, String compression, boolean tiled,
                       java.util.function.IntFunction<List<TIFFField>> pageMetadata) {
        ImageWriter writer = jdkWriter("tiff");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (compression != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            if (tiled) {
                param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
                param.setTiling(64, 64, 0, 0);
            }
            writer.prepareWriteSequence(null);
            for (int i = 0; i < pages.size(); i++) {
                BufferedImage page = pages.get(i);
                IIOMetadata metadata = null;
                List<TIFFField> extra = pageMetadata == null ? List.of() : pageMetadata.apply(i);
                if (!extra.isEmpty()) {
                    TIFFDirectory dir = TIFFDirectory.createFromMetadata(
                            writer.getDefaultImageMetadata(new ImageTypeSpecifier(page), param));
                    extra.forEach(dir::addTIFFField);
                    metadata = dir.getAsMetadata();
                }
                writer.writeToSequence(new IIOImage(page, null, metadata), param);
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
     * A 16-bit RGB TIFF in Intel byte order (II), one strip, Deflate-compressed (Compression 8), written by hand:
     * neither the JDK's TIFF writer nor TwelveMonkeys' writes 16-bit samples little-endian. The samples are
     * little-endian inside the compressed strip too, which is where a reader that assumes Motorola order fails.
     */
    static byte[] littleEndianTiff16(java.awt.image.Raster rgb16) {
        int w = rgb16.getWidth();
        int h = rgb16.getHeight();
        ByteBuffer pixels = ByteBuffer.allocate(w * h * 6).order(ByteOrder.LITTLE_ENDIAN);
        int[] row = new int[w * 3];
        for (int y = 0; y < h; y++) {
            rgb16.getPixels(0, y, w, 1, row);
            for (int v : row) {
                pixels.putShort((short) v);
            }
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(pixels.array());
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        while (!deflater.finished()) {
            compressed.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        byte[] strip = compressed.toByteArray();
        int entries = 10;
        int ifd = 8;
        int bitsAt = ifd + 2 + entries * 12 + 4;
        int stripAt = bitsAt + 6;
        ByteBuffer out = ByteBuffer.allocate(stripAt + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        out.putShort((short) entries);
        int[][] fields = { // tag, type (3 SHORT, 4 LONG), count, value
            {256, 4, 1, w}, {257, 4, 1, h}, {258, 3, 3, bitsAt}, {259, 3, 1, 8}, {262, 3, 1, 2},
            {273, 4, 1, stripAt}, {277, 3, 1, 3}, {278, 4, 1, h}, {279, 4, 1, strip.length}, {284, 3, 1, 1}};
        for (int[] f : fields) {
            out.putShort((short) f[0]).putShort((short) f[1]).putInt(f[2]);
            if (f[1] == 3 && f[2] == 1) {
                out.putShort((short) f[3]).putShort((short) 0);
            } else {
                out.putInt(f[3]);
            }
        }
        out.putInt(0); // no next directory
        out.putShort((short) 16).putShort((short) 16).putShort((short) 16);
        out.put(strip);
        return out.array();
    }

    /** A one-page TIFF in Motorola byte order. */
    static byte[] tiff(BufferedImage image, String compression, boolean tiled) {
        return tiff(List.of(image), compression, tiled, null);
    }

    /** A numeric (SHORT or LONG) baseline TIFF field, e.g. Orientation (274) or NewSubfileType (254). */
    static TIFFField tiffField(int tag, int value) {
        TIFFTag t = BaselineTIFFTagSet.getInstance().getTag(tag);
        return tag == BaselineTIFFTagSet.TAG_NEW_SUBFILE_TYPE
                ? new TIFFField(t, TIFFTag.TIFF_LONG, 1, new long[] {value})
                : new TIFFField(t, TIFFTag.TIFF_SHORT, 1, new char[] {(char) value});
    }

    /**
     * The photo as CMYK samples (0 = no ink), by the naive separation K = 1 − max(R,G,B), C = (1 − R − K)/(1 − K)
     * ..., in an image whose colour space is of type CMYK, so that the JDK TIFF writer stores it as
     * PhotometricInterpretation 5 (separated) without an ICC profile.
     */
    static BufferedImage cmyk(RgbImage src) {
        ComponentColorModel cm = new ComponentColorModel(new NaiveCmyk(), false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(src.width(), src.height());
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
                raster.setPixel(x, y, new int[] {c, m, ye, k});
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /** A CMYK colour space by the plain formula; only its type matters to the TIFF writer. */
    private static final class NaiveCmyk extends ColorSpace {
        private static final long serialVersionUID = 1L;

        NaiveCmyk() {
            super(TYPE_CMYK, 4);
        }

        @Override
        public float[] toRGB(float[] c) {
            return new float[] {(1 - c[0]) * (1 - c[3]), (1 - c[1]) * (1 - c[3]), (1 - c[2]) * (1 - c[3])};
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] toCIEXYZ(float[] c) {
            return ColorSpace.getInstance(CS_sRGB).toCIEXYZ(toRGB(c));
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            throw new UnsupportedOperationException();
        }
    }

    /** 8-bit RGB plus an alpha band ({@code alpha[y*w+x]}), not premultiplied. */
    static BufferedImage withAlpha(RgbImage src, int[] alpha) {
        BufferedImage argb = new BufferedImage(src.width(), src.height(), BufferedImage.TYPE_4BYTE_ABGR);
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                argb.setRGB(x, y, alpha[y * src.width() + x] << 24 | src.rgb(x, y));
            }
        }
        return argb;
    }

    /**
     * JPEG 2000 by jai-imageio's JJ2000 encoder: a JP2 file, or the bare J2K codestream when {@code codestreamOnly};
     * lossless (reversible 5/3 wavelet) or lossy at {@code bitsPerPixel}.
     */
    static byte[] jpeg2000(BufferedImage image, boolean lossless, double bitsPerPixel, boolean codestreamOnly) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
            param.setLossless(lossless);
            if (!lossless) {
                param.setEncodingRate(bitsPerPixel);
            }
            param.setWriteCodeStreamOnly(codestreamOnly);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's own writer for a format, not a plugin's. */
    private static ImageWriter jdkWriter(String format) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.imageio.")) {
                return candidate;
            }
        }
        throw new IllegalStateException("the JDK " + format + " writer is not registered");
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
