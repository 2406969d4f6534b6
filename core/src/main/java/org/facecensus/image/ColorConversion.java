package org.facecensus.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/** Any decoded AWT image to 8-bit sRGB. */
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
}
