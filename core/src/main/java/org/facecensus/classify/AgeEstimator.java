package org.facecensus.classify;

import java.util.List;

import org.facecensus.align.AlignedFace;

/**
 * Implemented by gender classifiers that estimate age in the same pass (face-api's age/gender
 * net), so callers get both from one model call without knowing the class.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
public interface AgeEstimator {

    /** Gender and estimated age in years of one face. */
    record Estimate(GenderPrediction gender, double age) {
    }

    /** Gender and age of each face, in order, batched like {@link GenderClassifier#classifyAll}. */
    List<Estimate> estimate(List<AlignedFace> faces);
}
