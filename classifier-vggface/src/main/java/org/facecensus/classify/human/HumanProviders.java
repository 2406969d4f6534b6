package org.facecensus.classify.human;

import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.spi.FaceEmbedderProvider;
import org.facecensus.spi.GenderClassifierProvider;
import org.facecensus.spi.ProviderContext;

/**
 * The service-loader entry points of the Human zoo's classifiers and embedders, one small class per name
 * ({@link java.util.ServiceLoader} needs a public no-argument constructor per provider).
 *
 * <p>Thread-safety: stateless.
 */
public final class HumanProviders {
    private HumanProviders() {
    }

    /** Base of the gender providers. */
    abstract static class Gender implements GenderClassifierProvider {
        private final HumanGenderModel model;
        private final String description;

        Gender(HumanGenderModel model, String description) {
            this.model = model;
            this.description = description;
        }

        @Override
        public String name() {
            return model.providerName();
        }

        @Override
        public String description() {
            return description + "; " + model.net().licence();
        }

        @Override
        public GenderClassifier create(ProviderContext context) {
            return new HumanGenderClassifier(model, context.models(), context.device());
        }
    }

    /** {@code faceres}. */
    public static final class FaceRes extends Gender {
        public FaceRes() {
            super(HumanGenderModel.FACERES, "HSE FaceRes (Human zoo): gender and age from a 224x224 crop");
        }
    }

    /** {@code faceres-deep}. */
    public static final class FaceResDeep extends Gender {
        public FaceResDeep() {
            super(HumanGenderModel.FACERES_DEEP, "HSE FaceRes, deeper variant (Human zoo): gender and age, 224x224");
        }
    }

    /** {@code gear}. */
    public static final class Gear extends Gender {
        public Gear() {
            super(HumanGenderModel.GEAR, "GEAR predictor (Human zoo): gender and age band from a 198x198 crop");
        }
    }

    /** {@code oarriaga-gender}. */
    public static final class Oarriaga extends Gender {
        public Oarriaga() {
            super(HumanGenderModel.OARRIAGA, "oarriaga face_classification mini-Xception (Human zoo): gender from a"
                    + " 64x64 grey crop; the K-pop study's second filter model");
        }
    }

    /** {@code ssrnet-gender}. */
    public static final class SsrNet extends Gender {
        public SsrNet() {
            super(HumanGenderModel.SSRNET, "SSR-Net gender (Human zoo): 64x64 crop");
        }
    }

    /** Base of the embedder providers. */
    abstract static class Embedder implements FaceEmbedderProvider {
        private final HumanEmbedder.Kind kind;
        private final String description;

        Embedder(HumanEmbedder.Kind kind, String description) {
            this.kind = kind;
            this.description = description;
        }

        @Override
        public String name() {
            return kind.providerName();
        }

        @Override
        public String description() {
            return description + "; " + kind.net.licence();
        }

        @Override
        public int priority() {
            // Below resnet-descriptor (50), the measured default backbone's part.
            return 20;
        }

        @Override
        public FaceEmbedder create(ProviderContext context) {
            return new HumanEmbedder(kind, context.models(), context.device());
        }
    }

    /** {@code faceres-features}. */
    public static final class FaceResFeatures extends Embedder {
        public FaceResFeatures() {
            super(HumanEmbedder.Kind.FACERES_FEATURES, "HSE FaceRes pooled features (1024), 224x224 crop");
        }
    }

    /** {@code mobilefacenet}: features for trained heads only; it does not tell faces apart (see {@link HumanEmbedder}). */
    public static final class MobileFaceNet extends Embedder {
        public MobileFaceNet() {
            super(HumanEmbedder.Kind.MOBILEFACENET, "MobileFace embedding (192), 112x112 crop; features for trained heads"
                    + " only, NOT for comparing faces: any two faces score cosine >= 0.999 (use faceres-features)");
        }
    }
}
