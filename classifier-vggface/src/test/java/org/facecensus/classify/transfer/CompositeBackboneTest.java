package org.facecensus.classify.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.ProviderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composite backbone {@code resnet-descriptor+faceapi-agegender-features} on real UTKFace crops:
 * its features are the parts' vectors side by side, and a head trained on it records and checks
 * every part's weights.
 */
class CompositeBackboneTest {
    static final String COMPOSITE = "resnet-descriptor+faceapi-agegender-features";

    @TempDir
    Path tmp;

    @Test
    void featuresAreThePartsConcatenatedAndTheHeadChecksEveryPart() throws Exception {
        List<LabelledFace> faces = UtkFaceSubset.every("train", 20);
        List<RgbImage> crops = new ArrayList<>();
        for (LabelledFace f : faces.subList(0, 6)) {
            crops.add(ImageLoader.defaults().load(f.file()));
        }
        ProviderContext context = ProviderContext.defaults();
        try (Backbone composite = Backbone.open(BackboneConfig.provider(COMPOSITE).withFlipAverage(true), context);
             Backbone resnet = Backbone.open(BackboneConfig.provider("resnet-descriptor").withFlipAverage(true), context);
             Backbone ageGender = Backbone.open(BackboneConfig.provider("faceapi-agegender-features").withFlipAverage(true),
                     context)) {
            assertEquals(128 + 512, composite.embedder().dimension());
            List<float[]> both = composite.features(crops);
            List<float[]> a = resnet.features(crops);
            List<float[]> b = ageGender.features(crops);
            for (int i = 0; i < crops.size(); i++) {
                float[] expected = new float[640];
                System.arraycopy(a.get(i), 0, expected, 0, 128);
                System.arraycopy(b.get(i), 0, expected, 128, 512);
                assertArrayEquals(expected, both.get(i), 1e-6f, "face " + i);
            }
            List<String> shas = composite.models().stream().map(ModelInfo::sha256).toList();
            assertEquals(List.of(resnet.models().get(0).sha256(), ageGender.models().get(0).sha256()), shas);

            // Each part's features are cached under the part's own key: embedding the parts alone first leaves
            // the composite nothing to compute, and its features are still the parts' concatenated.
            Path cacheDir = tmp.resolve("cache");
            FeatureTable.embed(faces, resnet, EmbeddingCache.open(cacheDir, resnet.featureKey()), n -> { });
            FeatureTable.embed(faces, ageGender, EmbeddingCache.open(cacheDir, ageGender.featureKey()), n -> { });
            EmbeddingCache compositeCache = EmbeddingCache.open(cacheDir, composite.featureKey());
            assertEquals(faces.size(), compositeCache.sibling(resnet.featureKey()).size());
            FeatureTable table = FeatureTable.embed(faces, composite, compositeCache, n -> { });
            assertEquals(0, compositeCache.size(), "the combination itself is not stored: its parts are");
            List<float[]> direct = composite.features(crops);
            for (int i = 0; i < crops.size(); i++) {
                assertArrayEquals(direct.get(i), table.features().get(i), 1e-6f, "cached parts, face " + i);
            }
            GenderHead head = GenderHeadTraining.train(table, composite,
                    TrainingOptions.defaults(TrainingOptions.Kind.LOGISTIC), "platt", 0.1, "utkface subset", 0);
            Path file = tmp.resolve("composite.json");
            head.save(file);
            GenderHead again = GenderHead.load(file);
            assertEquals(COMPOSITE, again.backbone().name());
            assertEquals(composite.models(), again.backboneModels());
            try (TransferGenderClassifier c = TransferGenderClassifier.open(file)) {
                assertEquals(3, c.models().size(), "two backbone parts and the head");
            }

            // A head whose second part was trained on other weights is refused, naming both digests.
            ModelInfo real = composite.models().get(1);
            GenderHead forged = new GenderHead(head.backbone(), List.of(composite.models().get(0),
                    new ModelInfo(real.name(), real.version(), real.source(), "f".repeat(64), real.licence())),
                    head.network(), again.standardizer(), head.calibration(), 0.1, head.provenance());
            Path forgedFile = tmp.resolve("forged.json");
            forged.save(forgedFile);
            FaceCensusException e = assertThrows(FaceCensusException.class, () -> TransferGenderClassifier.open(forgedFile));
            assertTrue(e.getMessage().contains("f".repeat(64)) && e.getMessage().contains(real.sha256()), e.getMessage());
        }
    }

    @Test
    void badCompositeNamesAreRefusedClearly() {
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> BackboneConfig.provider("resnet-descriptor+"));
        assertTrue(e.getMessage().contains("empty part"), e.getMessage());
        assertThrows(FaceCensusException.class, () -> Backbone.open(BackboneConfig.provider("resnet-descriptor+no-such-net"),
                ProviderContext.defaults()));
    }
}
