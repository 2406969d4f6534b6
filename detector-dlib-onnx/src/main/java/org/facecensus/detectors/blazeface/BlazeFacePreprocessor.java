package org.facecensus.detectors.blazeface;

import java.nio.ByteBuffer;

import org.facecensus.image.RgbImage;
import org.facecensus.spi.inference.Tensor;

/**
 * A window of an image to BlazeFace's input tensor: NHWC, batch 1, values scaled from
 * [0, 255] to [-1, 1] as MediaPipe's face detection graph does. Pixels outside the image are 0
 * (mid grey), MediaPipe's letterbox padding.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class BlazeFacePreprocessor {
    static final String INPUT = "input:0";

    /** The {@code size}×{@code size} window of {@code image} whose top-left corner is (x0, y0). */
    Tensor toTensor(RgbImage image, int x0, int y0, int size) {
        return toTensor(image, x0, y0, size, size);
    }

    /** The {@code width}×{@code height} window of {@code image} whose top-left corner is (x0, y0). */
    Tensor toTensor(RgbImage image, int x0, int y0, int width, int height) {
        float[] data = new float[width * height * 3];
        byte[] row = new byte[width * 3];
        ByteBuffer px = image.pixels();
        int w = image.width();
        int xFrom = Math.max(0, -x0);
        int xTo = Math.min(width, w - x0);
        for (int y = 0; y < height; y++) {
            int sy = y0 + y;
            if (sy < 0 || sy >= image.height() || xTo <= xFrom) {
                continue;
            }
            int n = (xTo - xFrom) * 3;
            px.get((sy * w + x0 + xFrom) * 3, row, 0, n);
            int dst = (y * width + xFrom) * 3;
            for (int i = 0; i < n; i++) {
                data[dst + i] = (row[i] & 0xff) / 127.5f - 1f;
            }
        }
        return new Tensor(data, 1, height, width, 3);
    }
}
