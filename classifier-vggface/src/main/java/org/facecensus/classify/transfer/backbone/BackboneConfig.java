package org.facecensus.classify.transfer.backbone;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.facecensus.FaceCensusException;

/**
 * Which backbone turns a face into features, and how the face is presented to it. Part of a trained
 * head: a head only makes sense on exactly the features it was trained on.
 *
 * @param name         a {@link org.facecensus.spi.FaceEmbedderProvider} name (e.g. {@code resnet-descriptor}),
 *                     several joined by {@code +} (a composite: their vectors concatenated, e.g.
 *                     {@code resnet-descriptor+faceapi-agegender-features}), or the name of a
 *                     user-supplied ONNX backbone described by {@code spec}
 * @param file         the ONNX file of a user-supplied backbone; null for a provider
 * @param spec         how to feed that file; null for a provider
 * @param cropFraction the centred square share of the aligned crop given to the backbone (1 = all of it).
 *                     A crop with more margin than the backbone's training chips is cut to match them.
 * @param flipAverage  average the features of the face and of its mirror image (costs a second pass)
 *
 * <p>Thread-safety: immutable.
 */
public record BackboneConfig(String name, Path file, FeatureExtractorSpec spec, double cropFraction, boolean flipAverage) {
    public BackboneConfig {
        Objects.requireNonNull(name, "name");
        if (!(cropFraction > 0.2 && cropFraction <= 1)) {
            throw new FaceCensusException("The crop fraction must be in (0.2, 1], got " + cropFraction);
        }
        if ((file == null) != (spec == null)) {
            throw new FaceCensusException("A user-supplied backbone needs both its file and its spec");
        }
        if (file != null && name.contains(CompositeEmbedder.SEPARATOR)) {
            throw new FaceCensusException("A user-supplied backbone file cannot be part of a composite backbone ("
                    + name + "); give provider names joined by '+', or one file.");
        }
        for (String part : name.split("\\+", -1)) {
            if (part.isBlank()) {
                throw new FaceCensusException("The backbone name '" + name + "' has an empty part; write e.g."
                        + " resnet-descriptor+faceapi-agegender-features.");
            }
        }
    }

    /** The provider names of a composite backbone, in order; one name otherwise. */
    public List<String> partNames() {
        return Arrays.stream(name.split("\\+")).map(String::trim).toList();
    }

    /** A provider backbone, e.g. {@code resnet-descriptor}, fed the whole crop, no flip. */
    public static BackboneConfig provider(String name) {
        return new BackboneConfig(name, null, null, 1, false);
    }

    /** A VGG-Face ONNX file (see {@link FeatureExtractorSpec#vggFace}). */
    public static BackboneConfig vggFace(Path file, String outputName) {
        return new BackboneConfig("vggface", file, FeatureExtractorSpec.vggFace(outputName), 1, false);
    }

    public BackboneConfig withCropFraction(double fraction) {
        return new BackboneConfig(name, file, spec, fraction, flipAverage);
    }

    public BackboneConfig withFlipAverage(boolean flip) {
        return new BackboneConfig(name, file, spec, cropFraction, flip);
    }

    public BackboneConfig withFile(Path newFile) {
        return new BackboneConfig(name, newFile, spec, cropFraction, flipAverage);
    }

    /** The presentation part of the cache key and provenance, e.g. {@code crop=0.8 flip=true}. */
    public String presentation() {
        return "crop=" + cropFraction + " flip=" + flipAverage;
    }
}
