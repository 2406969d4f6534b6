package org.facecensus.classify.faceapi;

import org.facecensus.classify.GenderClassifier;
import org.facecensus.spi.GenderClassifierProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code faceapi-agegender}: face-api.js' photo-trained age/gender net (MIT), converted to ONNX on
 * first use.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiAgeGenderProvider implements GenderClassifierProvider {
    @Override
    public String name() {
        return FaceApiAgeGenderClassifier.NAME;
    }

    @Override
    public String description() {
        return "face-api.js AgeGenderNet (MIT, TinyXception): gender probability and age; expects face-api's"
                + " aligned-box crop (FaceApiAgeGenderClassifier.alignedFace)";
    }

    @Override
    public GenderClassifier create(ProviderContext context) {
        return new FaceApiAgeGenderClassifier(context.models(), context.device());
    }
}
