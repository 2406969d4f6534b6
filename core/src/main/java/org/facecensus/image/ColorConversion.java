package org.facecensus.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Any decoded AWT image to 8-bit sRGB; alpha is composited over white. */
final class ColorConversion {
    private ColorConversion() {
    }

    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        ColorModel cm = image.getColorModel();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            if (bgr.length == out.length) {
                for (int i = 0; i < out.length; i += 3) {
                    out[i] = bgr[i + 2];
                    out[i + 1] = bgr[i + 1];
                    out[i + 2] = bgr[i];
                }
                return RgbImage.wrap(w, h, out);
            }
        }
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // Java2D would treat a grey colour space as linear and brighten it; grey files store
            // display values, so scale the samples as they are (and composite any alpha over white
            // here too: drawing a grey+alpha image would brighten it the same way).
            Raster raster = image.getRaster();
            int bits = cm.getComponentSize(0);
            double scale = 255.0 / ((1L << bits) - 1);
            boolean alpha = cm.hasAlpha();
            double alphaMax = alpha ? (1L << cm.getComponentSize(cm.getNumColorComponents())) - 1 : 1;
            boolean premultiplied = cm.isAlphaPremultiplied();
            int[] row = new int[w];
            int[] alphaRow = alpha ? new int[w] : null;
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                if (alpha) {
                    raster.getSamples(0, y, w, 1, cm.getNumColorComponents(), alphaRow);
                }
                for (int x = 0; x < w; x++) {
                    double value = row[x] * scale;
                    if (alpha) {
                        double a = alphaRow[x] / alphaMax;
                        value = (premultiplied ? value : value * a) + 255.0 * (1 - a);
                    }
                    byte v = (byte) Math.max(0, Math.min(255, Math.round(value)));
                    int i = (y * w + x) * 3;
                    out[i] = v;
                    out[i + 1] = v;
                    out[i + 2] = v;
                }
            }
            return RgbImage.wrap(w, h, out);
        }
        if (cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3
                && (cm.getTransferType() == DataBuffer.TYPE_BYTE || cm.getTransferType() == DataBuffer.TYPE_USHORT)) {
            return sampledRgb(image, out);
        }
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        try {
            if (cm.hasAlpha()) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return toRgb(rgb);
    }

    /**
     * sRGB samples of 8 or 16 bits in any band layout (TIFF, 16-bit PNG, RGB-ordered rasters), read as they are:
     * a 16-bit sample v becomes round(v × 255 / 65535), so 257·k gives back exactly k (not v >> 8, which is off by
     * one for half the values, and never the low byte). Alpha is composited over white, premultiplied or not.
     * Also faster than drawing through Java2D, which converts such images pixel by pixel.
     */
    private static RgbImage sampledRgb(BufferedImage image, byte[] out) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bits = cm.getComponentSize(0);
        long max = (1L << bits) - 1;
        boolean alpha = cm.hasAlpha();
        long alphaMax = alpha ? (1L << cm.getComponentSize(3)) - 1 : 1;
        boolean premultiplied = cm.isAlphaPremultiplied();
        int bands = alpha ? 4 : 3;
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(0, y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                for (int c = 0; c < 3; c++) {
                    long v = row[i + c];
                    int value;
                    if (!alpha) {
                        value = (int) ((v * 255 + max / 2) / max);
                    } else {
                        // value/max in [0, 1], composited: c·a + (1 − a) over white (c already multiplied when premultiplied).
                        double a = row[i + 3] / (double) alphaMax;
                        double colour = v / (double) max;
                        double composed = (premultiplied ? colour : colour * a) + (1 - a);
                        value = (int) Math.round(Math.max(0, Math.min(1, composed)) * 255);
                    }
                    out[o++] = (byte) value;
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
