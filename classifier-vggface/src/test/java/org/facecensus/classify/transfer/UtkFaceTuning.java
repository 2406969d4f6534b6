package org.facecensus.classify.transfer;

import java.nio.file.Path;
import java.util.Locale;

import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.transfer.head.HeadTrainer;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.spi.ProviderContext;

/**
 * Hyper-parameter search behind the README's default head (not a test). Looks at split=train only:
 * each setting is trained with several seeds, i.e. several stratified validation splits of the
 * training data, and scored by mean validation accuracy and loss; split=test is never read.
 * Args: DATA_DIR BACKBONE:FLIP HEAD LR L2 HIDDEN(e.g. 256x64 or -) SEEDS(e.g. 1,2,3) [more HEAD LR L2 HIDDEN SEEDS...]
 */
public final class UtkFaceTuning {
    public static void main(String[] args) {
        LabelledDataset data = LabelledDataset.read(Path.of(args[0]));
        String[] b = args[1].split(":");
        BackboneConfig config = BackboneConfig.provider(b[0]).withFlipAverage(Boolean.parseBoolean(b[1]));
        FeatureTable train;
        try (Backbone backbone = Backbone.open(config, ProviderContext.defaults())) {
            EmbeddingCache cache = EmbeddingCache.open(EmbeddingCache.defaultDirectory(), backbone.featureKey());
            train = FeatureTable.embed(data.split("train"), backbone, cache, d -> { });
        }
        double[][] x = UtkFaceExperiment.matrix(train);
        int[] y = UtkFaceExperiment.labels(train);
        for (int a = 2; a + 4 < args.length; a += 5) {
            TrainingOptions options = TrainingOptions.defaults().withKind(TrainingOptions.Kind.parse(args[a]))
                    .withLearningRate(Double.parseDouble(args[a + 1])).withL2(Double.parseDouble(args[a + 2]));
            if (!args[a + 3].equals("-")) {
                String[] h = args[a + 3].split("x");
                int[] hidden = new int[h.length];
                for (int i = 0; i < h.length; i++) {
                    hidden[i] = Integer.parseInt(h[i]);
                }
                options = options.withHidden(hidden);
            }
            double accSum = 0;
            double lossSum = 0;
            int n = 0;
            StringBuilder epochs = new StringBuilder();
            long t0 = System.nanoTime();
            for (String s : args[a + 4].split(",")) {
                HeadTrainer.Result r = HeadTrainer.train(x, y, options.withSeed(Long.parseLong(s)));
                int ok = 0;
                for (int i = 0; i < r.validationRows().length; i++) {
                    ok += (r.validationScores()[i] >= 0.5 ? 1 : 0) == y[r.validationRows()[i]] ? 1 : 0;
                }
                accSum += ok / (double) r.validationRows().length;
                lossSum += r.validationLoss();
                epochs.append(r.bestEpoch()).append('/').append(r.epochsRun()).append(' ');
                n++;
            }
            System.out.printf(Locale.ROOT, "%s flip=%s %-8s lr %.0e l2 %.0e hidden %-7s val acc %.4f loss %.4f epochs %s %.1fs%n",
                    b[0], b[1], args[a], options.learningRate(), options.l2(), args[a + 3], accSum / n, lossSum / n,
                    epochs.toString().trim(), (System.nanoTime() - t0) / 1e9 / n);
        }
    }
}
