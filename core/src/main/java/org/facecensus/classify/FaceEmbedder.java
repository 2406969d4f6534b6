package org.facecensus.classify;

import java.util.List;

import org.facecensus.align.AlignedFace;
import org.facecensus.model.ModelInfo;

/**
 * Turns a face into a fixed-length feature vector (a descriptor or embedding), e.g. for identity
 * matching, clustering, or as the input of a downstream classifier. Obtain one with
 * {@link org.facecensus.FaceCensus#faceEmbedder(String)}.
 *
 * <p><b>Input.</b> The whole {@link AlignedFace#crop()} is the face the network sees, RGB, 8 bits per
 * channel, in any size: the implementation resizes it to its own declared input size and applies its
 * own normalisation (channel order, mean, scale), documented on the implementation together with the
 * crop it was trained on and how to make it. Crops of another kind work but give vectors of lower
 * quality.
 *
 * <p><b>Output.</b> {@link #dimension()} floats per face, as the model computes them (not
 * re-normalised unless the implementation says so); compare them with the metric the implementation
 * documents (e.g. Euclidean distance, or cosine similarity).
 *
 * <p>Thread-safety: implementations must be safe for concurrent use on one instance; models load
 * on first use; {@link #close()} is idempotent, and a closed embedder refuses further calls.
 */
public interface FaceEmbedder extends AutoCloseable {

    /** The provider name, e.g. {@code resnet-descriptor}. */
    String name();

    /** The length of every vector it returns. */
    int dimension();

    /** The vector of one face. */
    float[] embed(AlignedFace face);

    /**
     * The vectors of many faces, in order; implementations batch them into as few model calls as
     * they can, and give the same vectors as {@link #embed} face by face (up to float rounding).
     */
    default List<float[]> embedAll(List<AlignedFace> faces) {
        return faces.stream().map(this::embed).toList();
    }

    /**
     * Whether the cosine between two of its vectors says how alike the two faces are, so that it can find
     * duplicates or a nearest face. False for an embedder whose vectors serve only as the input of a trained head
     * (which standardises them value by value) and whose cosine says nothing about faces; callers that compare
     * faces refuse it ({@link org.facecensus.FaceCensus#createComparingEmbedder}).
     */
    default boolean comparesFaces() {
        return true;
    }

    /** Provenance of the model it uses. */
    List<ModelInfo> models();

    @Override
    void close();
}
