package org.facecensus.classify.transfer;

import java.nio.file.Path;

import org.facecensus.classify.Gender;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.transfer.head.HeadTrainer;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.spi.ProviderContext;

/**
 * The presentation experiment behind the README's figures (not a test): for each cached backbone
 * presentation, trains logistic and MLP heads on split=train and prints validation accuracy (the
 * figure choices are made on) and test accuracy (reported only). Args: DATA_DIR CROP:FLIP...
 */
public final class UtkFaceExperiment {
    public static void main(String[] args) {
        LabelledDataset data = LabelledDataset.read(Path.of(args[0]));
        for (int a = 1; a < args.length; a++) {
            String[] v = args[a].split(":");
            BackboneConfig config = BackboneConfig.provider("resnet-descriptor").withCropFraction(Double.parseDouble(v[0]))
                    .withFlipAverage(Boolean.parseBoolean(v[1]));
            try (Backbone backbone = Backbone.open(config, ProviderContext.defaults())) {
                EmbeddingCache cache = EmbeddingCache.open(EmbeddingCache.defaultDirectory(), backbone.featureKey());
                FeatureTable train = FeatureTable.embed(data.split("train"), backbone, cache, d -> { });
                FeatureTable test = FeatureTable.embed(data.split("test"), backbone, cache, d -> { });
                for (TrainingOptions.Kind kind : TrainingOptions.Kind.values()) {
                    long t0 = System.nanoTime();
                    TrainingOptions options = TrainingOptions.defaults().withKind(kind);
                    HeadTrainer.Result r = HeadTrainer.train(matrix(train), labels(train), options);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    int[] yv = labels(train);
                    int ok = 0;
                    for (int i = 0; i < r.validationRows().length; i++) {
                        ok += (r.validationScores()[i] >= 0.5 ? 1 : 0) == yv[r.validationRows()[i]] ? 1 : 0;
                    }
                    double valAcc = ok / (double) r.validationRows().length;
                    double[][] xt = matrix(test);
                    int[] yt = labels(test);
                    int okT = 0;
                    for (int i = 0; i < xt.length; i++) {
                        double p = r.network().probability(r.standardizer().apply(xt[i]));
                        okT += (p >= 0.5 ? 1 : 0) == yt[i] ? 1 : 0;
                    }
                    System.out.printf("%s %-8s val %.4f (n=%d, loss %.4f, epoch %d/%d)  test %.4f  %.1fs%n",
                            config.presentation(), kind, valAcc, r.validationRows().length, r.validationLoss(),
                            r.bestEpoch(), r.epochsRun(), okT / (double) xt.length, secs);
                }
            }
        }
    }

    static double[][] matrix(FeatureTable t) {
        double[][] x = new double[t.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] f = t.features().get(i);
            x[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                x[i][j] = f[j];
            }
        }
        return x;
    }

    static int[] labels(FeatureTable t) {
        return t.faces().stream().mapToInt(f -> f.gender() == Gender.FEMALE ? 1 : 0).toArray();
    }

}
