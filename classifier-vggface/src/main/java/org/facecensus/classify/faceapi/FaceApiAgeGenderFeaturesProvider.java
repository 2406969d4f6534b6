package org.facecensus.classify.faceapi;

import org.facecensus.classify.FaceEmbedder;
import org.facecensus.spi.FaceEmbedderProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code faceapi-agegender-features}: the pooled 512-d features of face-api.js' age/gender net (MIT),
 * a backbone for trained gender heads.
 *
 * <p>Thread-safety: stateless.
 */
public final class FaceApiAgeGenderFeaturesProvider implements FaceEmbedderProvider {
    @Override
    public String name() {
        return FaceApiAgeGenderFeatures.NAME;
    }

    @Override
    public String description() {
        return "face-api.js AgeGenderNet (MIT, TinyXception): its pooled 512-d penultimate features from a 112x112"
                + " crop, for training heads on them (not an identity descriptor)";
    }

    @Override
    public int priority() {
        // Below resnet-descriptor: an identity descriptor is the better default embedding.
        return 40;
    }

    @Override
    public FaceEmbedder create(ProviderContext context) {
        return new FaceApiAgeGenderFeatures(context.models(), context.device());
    }
}
