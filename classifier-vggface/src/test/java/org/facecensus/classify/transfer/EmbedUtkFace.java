package org.facecensus.classify.transfer;

import java.nio.file.Path;

import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.spi.ProviderContext;

/**
 * Fills the embedding cache for UTKFace with one backbone presentation (not a test: the experiment
 * behind the README's figures). Args: DATA_DIR BACKBONE CROP_FRACTION FLIP.
 */
public final class EmbedUtkFace {
    public static void main(String[] args) {
        LabelledDataset data = LabelledDataset.read(Path.of(args[0]));
        BackboneConfig config = BackboneConfig.provider(args[1]).withCropFraction(Double.parseDouble(args[2]))
                .withFlipAverage(Boolean.parseBoolean(args[3]));
        long t0 = System.nanoTime();
        try (Backbone backbone = Backbone.open(config, ProviderContext.defaults())) {
            EmbeddingCache cache = EmbeddingCache.open(EmbeddingCache.defaultDirectory(), backbone.featureKey());
            FeatureTable t = FeatureTable.embed(data.faces(), backbone, cache, done -> {
                if (done % 320 == 0) {
                    System.err.printf("%d/%d %.0fs%n", done, data.faces().size(), (System.nanoTime() - t0) / 1e9);
                }
            });
            System.err.printf("%s: %d faces, %d problems, %.1fs%n", backbone.featureKey(), t.size(), t.problems().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
