package org.facecensus.detectors.dlib.shape;

/**
 * How the shape predictor turns an RGB pixel into the grey value its split tests compare.
 *
 * <p>Thread-safety: immutable.
 */
public enum PixelIntensity {
    /**
     * dlib's {@code get_pixel_intensity(rgb_pixel)}: the truncated integer mean {@code (R+G+B)/3}
     * ({@code dlib/pixel.h}, grey-from-RGB {@code assign}). This is what dlib's Python
     * {@code shape_predictor(img, rect)} and {@code face_recognition.face_landmarks} see for an RGB image.
     */
    DLIB_RGB_MEAN {
        @Override
        int of(int r, int g, int b) {
            return (r + g + b) / 3;
        }
    },
    /**
     * OpenCV's {@code cvtColor(BGR2GRAY)} for 8-bit images: {@code 0.299R + 0.587G + 0.114B} in
     * 14-bit fixed point, rounded. This is what the predictor sees when it is given the grey image, as
     * imutils' {@code FaceAligner.align(image, gray, rect)} does.
     */
    OPENCV_GRAY {
        @Override
        int of(int r, int g, int b) {
            return (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
        }
    };

    /** The grey value of one pixel, 0-255. */
    abstract int of(int r, int g, int b);
}
