package org.facecensus.classify.transfer.backbone;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.facecensus.FaceCensusException;

/**
 * How to feed an ONNX network that maps an aligned face to a feature vector, and where to read the
 * vector: everything a user-supplied backbone needs beside its file.
 *
 * <p>Each input pixel value {@code v} (0-255) of channel {@code c} (in {@link #channelOrder} order)
 * becomes {@code (v - mean[c]) / std[c]}. The face crop is resized to {@code width×height} first.
 *
 * @param name         what the backbone is called in outputs and in a head's provenance, e.g. {@code vggface}
 * @param width        the network's input width
 * @param height       its input height
 * @param channelOrder {@code RGB} or {@code BGR}: the order of the colour channels the network expects
 * @param mean         per-channel mean, in {@code channelOrder} order, on the 0-255 scale
 * @param std          per-channel divisor, in {@code channelOrder} order (1 for plain mean subtraction)
 * @param layout       {@code NCHW} or {@code NHWC}: the input tensor's layout
 * @param inputName    the input node name; null or empty: {@code input}
 * @param outputName   the output node to read (e.g. the pooled conv5 map, or a fully-connected layer)
 * @param pooling      how a 4-d output {@code [N, C, H, W]} becomes a vector: {@code NONE} (flatten),
 *                     {@code AVERAGE} or {@code MAX} over H and W (global pooling, giving C values)
 *
 * <p>Thread-safety: immutable.
 */
public record FeatureExtractorSpec(String name, int width, int height, ChannelOrder channelOrder, float[] mean,
                                   float[] std, Layout layout, String inputName, String outputName, Pooling pooling) {

    /**
     * The order of colour channels in the input tensor.
     *
     * <p>Thread-safety: immutable.
     */
    public enum ChannelOrder { RGB, BGR }

    /**
     * The input tensor's memory layout.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Layout { NCHW, NHWC }

    /**
     * Global pooling of a convolutional feature map.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Pooling { NONE, AVERAGE, MAX;

        public static Pooling parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FaceCensusException("Unknown pooling '" + text + "'; use none, average or max.");
            }
        }
    }

    /** The VGG-Face mean pixel (Parkhi et al. 2015; the Caffe and Keras ports), in BGR order. */
    public static final float[] VGGFACE_MEAN_BGR = {93.5940f, 104.7624f, 129.1863f};

    public FeatureExtractorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channelOrder, "channelOrder");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(outputName, "outputName");
        Objects.requireNonNull(pooling, "pooling");
        if (width <= 0 || height <= 0) {
            throw new FaceCensusException("A backbone's input size must be positive, got " + width + "x" + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new FaceCensusException("A backbone's mean and std need 3 values each (one per channel)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new FaceCensusException("A backbone's std values must be positive: " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
        inputName = inputName == null ? "" : inputName;
    }

    /**
     * The VGG-Face preset: 224×224, BGR, minus {@link #VGGFACE_MEAN_BGR} (no scaling), NCHW, the output
     * node {@code outputName} globally average-pooled (for a conv5 map {@code [N, 512, 7, 7]} or
     * {@code [N, 512, 14, 14]} this gives 512 values; a vector output is used as is).
     */
    public static FeatureExtractorSpec vggFace(String outputName) {
        return new FeatureExtractorSpec("vggface", 224, 224, ChannelOrder.BGR, VGGFACE_MEAN_BGR,
                new float[] {1, 1, 1}, Layout.NCHW, "", outputName, Pooling.AVERAGE);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** A short description for provenance, e.g. {@code 224x224 BGR mean [..] std [..] NCHW out=x pool=AVERAGE}. */
    public String describe() {
        return width + "x" + height + " " + channelOrder + " mean " + Arrays.toString(mean) + " std "
                + Arrays.toString(std) + " " + layout + (inputName.isEmpty() ? "" : " in=" + inputName)
                + " out=" + outputName + " pool=" + pooling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureExtractorSpec s && describe().equals(s.describe()) && name.equals(s.name);
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + describe() + ")";
    }
}
