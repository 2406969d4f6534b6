package org.facecensus.detectors.dlib.hog;

/**
 * The {@code --scale} pre-resize of the dlib peer tool ({@code resize_bilinear_halfpixel} in
 * {@code ../shared/peers/dlib_hog.cpp}): bilinear with half-pixel centres (OpenCV {@code INTER_LINEAR},
 * PIL), weights in float, rounded half up. It is the same convention as
 * {@link org.facecensus.image.ImageOps#scale}, but computed in one 2-D step with the peer's float
 * operations (fused multiply-adds included, as the peer's {@code -march=native} build has them), so
 * the working image, and hence every box, is the peer's to the pixel.
 *
 * <p>Thread-safety: stateless.
 */
final class HalfPixelResize {
    private HalfPixelResize() {
    }

    static byte[] resize(byte[] in, int iw, int ih, int ow, int oh) {
        byte[] out = new byte[ow * oh * 3];
        double sx = (double) iw / ow;
        double sy = (double) ih / oh;
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        float[] fx = new float[ow];
        for (int x = 0; x < ow; x++) {
            double s = Math.max(0, Math.fma(x + 0.5, sx, -0.5));
            int a = (int) Math.min(Math.floor(s), iw - 1);
            x0[x] = a;
            x1[x] = Math.min(a + 1, iw - 1);
            fx[x] = (float) (s - a);
        }
        for (int y = 0; y < oh; y++) {
            double s = Math.max(0, Math.fma(y + 0.5, sy, -0.5));
            int a = (int) Math.min(Math.floor(s), ih - 1);
            int b = Math.min(a + 1, ih - 1);
            float fy = (float) (s - a);
            int rowA = a * iw * 3;
            int rowB = b * iw * 3;
            int o = y * ow * 3;
            for (int x = 0; x < ow; x++) {
                float w00 = (1 - fx[x]) * (1 - fy);
                float w01 = fx[x] * (1 - fy);
                float w10 = (1 - fx[x]) * fy;
                float w11 = fx[x] * fy;
                int p00 = rowA + x0[x] * 3;
                int p01 = rowA + x1[x] * 3;
                int p10 = rowB + x0[x] * 3;
                int p11 = rowB + x1[x] * 3;
                for (int c = 0; c < 3; c++) {
                    // GCC fuses w00*c00 (not w01*c01) into the first multiply-add here; checked
                    // pixel for pixel against the peer's own function built with its flags
                    float v = Math.fma(w11, in[p11 + c] & 0xFF, Math.fma(w10, in[p10 + c] & 0xFF,
                            Math.fma(w00, in[p00 + c] & 0xFF, w01 * (in[p01 + c] & 0xFF))));
                    float r = (float) Math.floor(v + 0.5f);
                    out[o++] = (byte) (int) Math.min(255.0f, Math.max(0.0f, r));
                }
            }
        }
        return out;
    }
}
