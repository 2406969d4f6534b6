package org.facecensus.classify.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.ensemble.EnsembleGenderClassifier;
import org.facecensus.classify.transfer.UtkFaceSubset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.ProviderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenderClassifierSpecTest {

    @Test
    void providerNameOpensTheProvider() {
        try (GenderClassifier c = GenderClassifierSpec.open("faceapi-agegender", ProviderContext.defaults())) {
            assertEquals("faceapi-agegender", c.name());
            assertTrue(!c.models().isEmpty(), "provenance is listed");
        }
    }

    /** The filter built from one model twice keeps exactly the faces that model is sure of. */
    @Test
    void twoModelFilterKeepsOnlyConfidentAgreement() {
        List<LabelledFace> faces = UtkFaceSubset.every("test", 40);
        try (GenderClassifier single = GenderClassifierSpec.open("faceapi-agegender", ProviderContext.defaults());
             GenderClassifier pair = GenderClassifierSpec.open(" faceapi-agegender , faceapi-agegender @0.9",
                     ProviderContext.defaults())) {
            EnsembleGenderClassifier ensemble = assertInstanceOf(EnsembleGenderClassifier.class, pair);
            assertEquals(0.9, ensemble.threshold());
            int kept = 0;
            int dropped = 0;
            for (LabelledFace f : faces) {
                AlignedFace chip = chip(FaceCensus.loadImage(f.file()));
                GenderPrediction one = single.classify(chip);
                GenderPrediction both = pair.classify(chip);
                if (one.probability() >= 0.9) {
                    assertEquals(one.gender(), both.gender(), f.file().toString());
                    kept++;
                } else {
                    assertEquals(Gender.UNKNOWN, both.gender(), f.file().toString());
                    dropped++;
                }
            }
            assertTrue(kept > 0 && dropped > 0, "the sample has both cases: kept " + kept + ", dropped " + dropped);
        }
    }

    @Test
    void defaultAgreementIsUsedWithoutAt() {
        try (GenderClassifier pair = GenderClassifierSpec.open("faceapi-agegender,faceapi-agegender",
                ProviderContext.defaults())) {
            assertEquals(GenderClassifierSpec.DEFAULT_AGREEMENT, ((EnsembleGenderClassifier) pair).threshold());
        }
    }

    @Test
    void badSpecsSayWhatIsWrong(@TempDir Path dir) {
        ProviderContext ctx = ProviderContext.defaults();
        assertMessage(() -> GenderClassifierSpec.open(" ", ctx), "Empty gender classifier");
        assertMessage(() -> GenderClassifierSpec.open("faceapi-agegender,faceapi-agegender@high", ctx), "not a number");
        assertMessage(() -> GenderClassifierSpec.open("faceapi-agegender,faceapi-agegender@0.3", ctx), "[0.5, 1]");
        assertMessage(() -> GenderClassifierSpec.open("a,b,c", ctx), "exactly two classifiers");
        assertMessage(() -> GenderClassifierSpec.open(",faceapi-agegender", ctx), "exactly two classifiers");
        assertMessage(() -> GenderClassifierSpec.open(dir.resolve("head.json").toString(), ctx), "No trained head at");
        assertMessage(() -> GenderClassifierSpec.open(dir.resolve("f.yml").toString(), ctx), "No Fisherfaces model at");
        assertMessage(() -> GenderClassifierSpec.open("no-such-classifier", ctx), "no-such-classifier");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        FaceCensusException e = assertThrows(FaceCensusException.class, call);
        assertTrue(e.getMessage().contains(part), "message: " + e.getMessage());
    }

    private static AlignedFace chip(RgbImage image) {
        return AlignedFace.ofCrop(image);
    }
}
