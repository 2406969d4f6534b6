package org.facecensus.image;

/**
 * Geometric operations on {@link RgbImage} used by the pre-processing stages.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * Resizes to {@code width}×{@code height}. Shrinking averages every source pixel under an output
     * pixel (OpenCV's INTER_AREA), so a 1920-px photo shrunk for a 256-px network does not alias;
     * enlarging is bilinear with half-pixel centres (OpenCV INTER_LINEAR, PIL, AWT bilinear).
     */
    public static RgbImage resize(RgbImage image, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        AxisWeights wx = AxisWeights.of(image.width(), width);
        AxisWeights wy = AxisWeights.of(image.height(), height);
        byte[] src = image.data();
        int sw = image.width();
        // Horizontal pass into floats, then vertical pass: separable, O(pixels × taps).
        float[] tmp = new float[image.height() * width * 3];
        for (int y = 0; y < image.height(); y++) {
            int rowIn = y * sw * 3;
            int rowOut = y * width * 3;
            for (int x = 0; x < width; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int t = wx.start[x]; t < wx.start[x + 1]; t++) {
                    int s = rowIn + wx.index[t] * 3;
                    float w = wx.weight[t];
                    r += (src[s] & 0xff) * w;
                    g += (src[s + 1] & 0xff) * w;
                    b += (src[s + 2] & 0xff) * w;
                }
                int o = rowOut + x * 3;
                tmp[o] = r;
                tmp[o + 1] = g;
                tmp[o + 2] = b;
            }
        }
        return RgbImage.wrap(width, height, verticalPass(tmp, width, height, wy));
    }

    private static byte[] verticalPass(float[] tmp, int width, int height, AxisWeights wy) {
        int rowLen = width * 3;
        byte[] out = new byte[rowLen * height];
        float[] acc = new float[rowLen];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int t = wy.start[y]; t < wy.start[y + 1]; t++) {
                int s = wy.index[t] * rowLen;
                float w = wy.weight[t];
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += tmp[s + i] * w;
                }
            }
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                int v = Math.round(acc[i]);
                out[o + i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
            }
        }
        return out;
    }

    /** Scales by {@code factor}; the output size is {@code floor(size*factor+0.5)}, at least 1. */
    public static RgbImage scale(RgbImage image, double factor) {
        int w = Math.max(1, (int) Math.floor(image.width() * factor + 0.5));
        int h = Math.max(1, (int) Math.floor(image.height() * factor + 0.5));
        return resize(image, w, h);
    }

    /**
     * The region {@code [x, x+width) × [y, y+height)}; parts outside the image are filled with
     * {@code fill} (packed RGB), so callers can letterbox or tile past the border.
     */
    public static RgbImage crop(RgbImage image, int x, int y, int width, int height, int fill) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("crop size must be positive: " + width + "x" + height);
        }
        byte[] out = new byte[width * height * 3];
        byte fr = (byte) (fill >> 16);
        byte fg = (byte) (fill >> 8);
        byte fb = (byte) fill;
        byte[] src = image.data();
        for (int yy = 0; yy < height; yy++) {
            int sy = y + yy;
            for (int xx = 0; xx < width; xx++) {
                int sx = x + xx;
                int o = (yy * width + xx) * 3;
                if (sx >= 0 && sy >= 0 && sx < image.width() && sy < image.height()) {
                    int s = (sy * image.width() + sx) * 3;
                    out[o] = src[s];
                    out[o + 1] = src[s + 1];
                    out[o + 2] = src[s + 2];
                } else {
                    out[o] = fr;
                    out[o + 1] = fg;
                    out[o + 2] = fb;
                }
            }
        }
        return RgbImage.wrap(width, height, out);
    }

    /** Sparse resampling weights along one axis: output i reads index[start[i]..start[i+1]). */
    private static final class AxisWeights {
        final int[] start;
        final int[] index;
        final float[] weight;

        private AxisWeights(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        static AxisWeights of(int in, int out) {
            return out < in ? area(in, out) : bilinear(in, out);
        }

        private static AxisWeights area(int in, int out) {
            double scale = (double) in / out;
            int maxTaps = (int) Math.ceil(scale) + 2;
            int[] start = new int[out + 1];
            int[] index = new int[out * maxTaps];
            float[] weight = new float[out * maxTaps];
            int n = 0;
            for (int i = 0; i < out; i++) {
                start[i] = n;
                double lo = i * scale;
                double hi = lo + scale;
                for (int s = (int) Math.floor(lo); s < Math.min(in, (int) Math.ceil(hi)); s++) {
                    double cover = Math.min(hi, s + 1) - Math.max(lo, s);
                    if (cover > 1e-9) {
                        index[n] = s;
                        weight[n] = (float) (cover / scale);
                        n++;
                    }
                }
            }
            start[out] = n;
            return new AxisWeights(start, index, weight);
        }

        private static AxisWeights bilinear(int in, int out) {
            double scale = (double) in / out;
            int[] start = new int[out + 1];
            int[] index = new int[out * 2];
            float[] weight = new float[out * 2];
            int n = 0;
            for (int i = 0; i < out; i++) {
                start[i] = n;
                double src = (i + 0.5) * scale - 0.5;
                int s0 = (int) Math.floor(src);
                double f = src - s0;
                int a = Math.max(0, Math.min(in - 1, s0));
                int b = Math.max(0, Math.min(in - 1, s0 + 1));
                index[n] = a;
                weight[n++] = (float) (1 - f);
                index[n] = b;
                weight[n++] = (float) f;
            }
            start[out] = n;
            return new AxisWeights(start, index, weight);
        }
    }
}
