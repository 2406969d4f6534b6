package org.facecensus.classify.baseline;

import java.nio.ByteBuffer;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.facecensus.image.RgbImage;

/**
 * Turns an aligned RGB crop into the grey {@code size × size} face Fisherfaces sees: OpenCV's
 * fixed-point BGR→grey conversion, the central part of the crop, area resampling, and optionally
 * histogram equalisation.
 *
 * <p>Thread-safety: stateless; every call works on its own native matrices, which OpenCV's
 * functions allow from any thread.
 */
final class GreyFace {
    private GreyFace() {
    }

    /** The prepared face as an 8-bit single-channel Mat; the caller closes it. */
    static Mat prepare(RgbImage crop, FisherfacesSettings settings) {
        int w = crop.width();
        int h = crop.height();
        try (Mat bgr = new Mat(h, w, opencv_core.CV_8UC3); Mat grey = new Mat()) {
            ByteBuffer src = crop.pixels();
            ByteBuffer dst = bgr.createBuffer();
            int n = w * h * 3;
            for (int i = 0; i < n; i += 3) {
                dst.put(i, src.get(i + 2));
                dst.put(i + 1, src.get(i + 1));
                dst.put(i + 2, src.get(i));
            }
            opencv_imgproc.cvtColor(bgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
            int cw = Math.max(1, (int) Math.round(w * settings.centreCrop()));
            int ch = Math.max(1, (int) Math.round(h * settings.centreCrop()));
            Mat out = new Mat();
            try (Rect centre = new Rect((w - cw) / 2, (h - ch) / 2, cw, ch);
                    Mat region = new Mat(grey, centre);
                    Size size = new Size(settings.size(), settings.size())) {
                opencv_imgproc.resize(region, out, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
            if (settings.equalize()) {
                opencv_imgproc.equalizeHist(out, out);
            }
            return out;
        }
    }

    /** The prepared face's pixels, row-major, as doubles (the values Fisherfaces projects). */
    static double[] pixels(RgbImage crop, FisherfacesSettings settings) {
        try (Mat face = prepare(crop, settings)) {
            int n = settings.size() * settings.size();
            byte[] bytes = new byte[n];
            ByteBuffer buf = face.createBuffer();
            buf.get(bytes);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = bytes[i] & 0xff;
            }
            return out;
        }
    }
}
