package org.facecensus.classify.human;

import java.util.OptionalDouble;

import org.facecensus.image.RgbImage;
import org.facecensus.modeltools.human.HumanModels;

/**
 * The Human zoo's gender networks and how each is fed and read, as the Human library does
 * ({@code src/face/faceres.ts}, {@code src/gear/gear.ts}, {@code src/gear/ssrnet-gender.ts},
 * {@code src/gender/gender.ts}): the face crop resized with TF's bilinear resampling, in the network's value
 * range, and its outputs turned into the probability that the face is a woman and, where it has one, an age.
 *
 * <p>Thread-safety: immutable.
 */
public enum HumanGenderModel {
    /** HSE FaceRes: sigmoid of "male" and a softmax over ages 0-99. */
    FACERES("faceres", HumanModels.FACERES, 224, Pixels.RGB_255, false, "gender_pred/Sigmoid", "age_pred/Softmax"),
    /** HSE FaceRes, deeper. */
    FACERES_DEEP("faceres-deep", HumanModels.FACERES_DEEP, 224, Pixels.RGB_255, false, "gender_pred/Sigmoid",
            "age_pred/Softmax"),
    /**
     * GEAR: softmax [male, female]. Human cuts the centre of its own, looser face crop (top 0, left 0.1, bottom
     * 0.9, right 0.9); on aligned crops the whole crop is better: 0.903 against 0.810 on every 10th UTKFace
     * training face (chosen on the training split only).
     */
    GEAR("gear", HumanModels.GEAR, 198, Pixels.RGB_1, false, "gender_output", "age_output"),
    /** oarriaga's mini-Xception: softmax [woman, man] on 64×64 grey in [-1, 1]. */
    OARRIAGA("oarriaga-gender", HumanModels.OARRIAGA_GENDER, 64, Pixels.GREY_PM1, false, "Identity", null),
    /**
     * SSR-Net gender: one value, the probability of "male". Fed BGR, as SSR-Net was trained on OpenCV-loaded
     * images: Human feeds RGB, which scored 0.593 on every 5th UTKFace training face against 0.765 in BGR
     * (chosen on the training split only).
     */
    SSRNET("ssrnet-gender", HumanModels.SSRNET_GENDER, 64, Pixels.BGR_255, false, "Identity", null);

    /** How 0..1 RGB pixels become the network's input. */
    enum Pixels {
        RGB_1, RGB_255, BGR_255, GREY_PM1;

        int channels() {
            return this == GREY_PM1 ? 1 : 3;
        }
    }

    /** GEAR's age bands' representative ages (Human's {@code ageWeights}). */
    private static final double[] GEAR_AGES = {15, 23, 28, 35.5, 45.5, 55.5, 65};

    private final String providerName;
    private final HumanModels.GraphNet net;
    private final int size;
    private final Pixels pixels;
    private final boolean gearBox;
    private final String genderOutput;
    private final String ageOutput;

    HumanGenderModel(String providerName, HumanModels.GraphNet net, int size, Pixels pixels, boolean gearBox,
                     String genderOutput, String ageOutput) {
        this.providerName = providerName;
        this.net = net;
        this.size = size;
        this.pixels = pixels;
        this.gearBox = gearBox;
        this.genderOutput = genderOutput;
        this.ageOutput = ageOutput;
    }

    public String providerName() {
        return providerName;
    }

    public HumanModels.GraphNet net() {
        return net;
    }

    /** The input side in pixels (square). */
    public int size() {
        return size;
    }

    int channels() {
        return pixels.channels();
    }

    String genderOutput() {
        return genderOutput;
    }

    String ageOutput() {
        return ageOutput;
    }

    /** Writes one crop's input ({@code size × size × channels}, NHWC) at {@code offset}. */
    void writeInput(RgbImage crop, float[] out, int offset) {
        float[] rgb = new float[size * size * 3];
        if (gearBox) {
            TfImage.cropAndResize(crop, 0.0, 0.10, 0.90, 0.90, size, size, rgb, 0);
        } else {
            TfImage.resizeBilinear(crop, size, size, rgb, 0);
        }
        int n = size * size;
        for (int i = 0; i < n; i++) {
            float r = rgb[3 * i];
            float g = rgb[3 * i + 1];
            float b = rgb[3 * i + 2];
            switch (pixels) {
                case RGB_1 -> {
                    out[offset + 3 * i] = r;
                    out[offset + 3 * i + 1] = g;
                    out[offset + 3 * i + 2] = b;
                }
                case RGB_255 -> {
                    out[offset + 3 * i] = r * 255f;
                    out[offset + 3 * i + 1] = g * 255f;
                    out[offset + 3 * i + 2] = b * 255f;
                }
                case BGR_255 -> {
                    out[offset + 3 * i] = b * 255f;
                    out[offset + 3 * i + 1] = g * 255f;
                    out[offset + 3 * i + 2] = r * 255f;
                }
                case GREY_PM1 -> out[offset + i] = ((0.2989f * r + 0.5870f * g + 0.1140f * b) - 0.5f) * 2f;
                default -> throw new IllegalStateException();
            }
        }
    }

    /** The probability that face {@code i} of a batch is a woman, from the gender output. */
    double probabilityFemale(float[] gender, int i) {
        return switch (this) {
            case FACERES, FACERES_DEEP, SSRNET -> 1.0 - gender[i];
            case GEAR -> gender[2 * i + 1];
            case OARRIAGA -> gender[2 * i];
        };
    }

    /** The age of face {@code i}, as Human reads it from the age output; empty without one. */
    OptionalDouble age(float[] age, int i) {
        if (ageOutput == null || age == null) {
            return OptionalDouble.empty();
        }
        if (this == GEAR) {
            // Human: start from the likeliest band's age, then move towards each other band by its probability.
            Integer[] order = {0, 1, 2, 3, 4, 5, 6};
            java.util.Arrays.sort(order, (a, b) -> Float.compare(age[7 * i + b], age[7 * i + a]));
            double a = GEAR_AGES[order[0]];
            for (int k = 1; k < order.length; k++) {
                a += age[7 * i + order[k]] * (GEAR_AGES[order[k]] - a);
            }
            return OptionalDouble.of(a);
        }
        // FaceRes: the likeliest year, moved towards its likelier neighbour by that neighbour's probability (Human).
        int base = 100 * i;
        int best = 0;
        for (int k = 1; k < 100; k++) {
            if (age[base + k] > age[base + best]) {
                best = k;
            }
        }
        double below = best > 0 ? age[base + best - 1] : 0;
        double above = best < 99 ? age[base + best + 1] : 0;
        return OptionalDouble.of(below > above ? best - 10 * below : best + 10 * above);
    }
}
