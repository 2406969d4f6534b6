package org.facecensus.classify;

import java.util.Objects;

import org.facecensus.model.ModelInfo;

/**
 * One classifier's verdict on one face.
 *
 * @param gender      the label, {@link Gender#UNKNOWN} when the classifier abstained
 * @param probability the probability of {@code gender} (for UNKNOWN, of the more likely label)
 * @param model       provenance of the model that decided
 *
 * <p>Thread-safety: immutable.
 */
public record GenderPrediction(Gender gender, double probability, ModelInfo model) {
    public GenderPrediction {
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(model, "model");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
        }
    }
}
