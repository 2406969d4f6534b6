package org.facecensus.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.facecensus.FaceCensus;
import org.facecensus.generative.DjlSetup;
import org.facecensus.generative.FaceModelTraining;
import org.facecensus.generative.ModelKind;
import org.facecensus.generative.SampleChecks;
import org.facecensus.generative.TrainingReport;
import org.facecensus.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code facecensus dataset train DIR --model ae|vae --latent 2 --size 64 --epochs N --out MODEL_DIR}: a generative
 * model of a dataset's kept faces, with DJL on PyTorch, offline.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a convolutional autoencoder or VAE on a dataset's kept faces (DJL + PyTorch, CPU unless CUDA is "
                + "found, never online); write reconstructions, latent scatters, the traversal GIF, VAE samples and their "
                + "checks into OUT.")
final class DatasetTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A dataset folder written by 'dataset build'.")
    Path dataset;

    @Option(names = "--out", paramLabel = "MODEL_DIR", required = true, description = "Folder for the model and its pictures.")
    Path out;

    @Option(names = "--model", paramLabel = "ae|vae", defaultValue = "ae", description = "The model (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--latent", paramLabel = "N", defaultValue = "2", description = "Code length (default ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "64", description = "Picture side, a power of two (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the data (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Faces per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam's learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--limit", paramLabel = "N", description = "Train on at most N faces (a seeded random choice).")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed for the split, order and samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "500", description = "VAE samples to write and check (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch's CPU threads (default: all cores).")
    Integer threads;

    @Option(names = "--engine-cache", paramLabel = "DIR",
            description = "Where libtorch (about 430 MB) is unpacked on first use (default: -D" + DjlSetup.CACHE_PROPERTY
                    + ", $ENGINE_CACHE_DIR, else ~/.cache/facecensus/djl).")
    Path engineCache;

    @Option(names = "--check-detector", paramLabel = "NAME", defaultValue = "blazeface-front",
            description = "Detector run on the VAE samples (default ${DEFAULT-VALUE}; 'none': skip the sample checks).")
    String checkDetector;

    @Option(names = "--check-embedder", paramLabel = "NAME", defaultValue = "faceres-features",
            description = "Embedding for the nearest-training-face check (default ${DEFAULT-VALUE}).")
    String checkEmbedder;

    @Override
    public Integer call() throws Exception {
        if (ModelKind.parse(model) == ModelKind.VAE && !"none".equals(checkDetector)) {
            // Refused before training rather than after it (mobilefacenet cannot compare faces).
            FaceCensus.defaults().createComparingEmbedder(checkEmbedder, "--check-embedder").close();
        }
        FaceModelTraining.Builder b = FaceModelTraining.builder().dataset(dataset).out(out).kind(ModelKind.parse(model))
                .latent(latent).size(size).epochs(epochs).batch(batch).learningRate(learningRate).seed(seed)
                .samples(samples).engineCache(engineCache);
        if (limit != null) {
            b.limit(limit);
        }
        if (threads != null) {
            b.threads(threads);
        }
        TrainingReport r = b.build().run();
        var o = spec.commandLine().getOut();
        double total = r.secondsPerEpoch().stream().mapToDouble(Double::doubleValue).sum();
        o.printf(Locale.ROOT, "%s latent %d, %d train / %d held-out faces at %dx%d: %.1f s per epoch (%.0f s in all)%n",
                r.kind(), r.latent(), r.trainFaces(), r.testFaces(), r.size(), r.size(), total / r.secondsPerEpoch().size(), total);
        o.printf(Locale.ROOT, "loss by epoch %s%n", r.epochLoss().stream().map(v -> String.format(Locale.ROOT, "%.5f", v)).toList());
        o.printf(Locale.ROOT, "held-out reconstruction MSE %.5f; mean-face baseline %.5f (%.0f%% of it)%n", r.testMse(),
                r.meanFaceMse(), 100 * r.testMse() / r.meanFaceMse());
        if (r.kind() == ModelKind.VAE && !"none".equals(checkDetector)) {
            SampleChecks.Result c = SampleChecks.run(out.resolve("samples"), dataset, 2000, checkDetector, checkEmbedder,
                    seed, out.resolve("nearest.png"));
            String line = SampleChecks.describe(c);
            o.println(line);
            AtomicFiles.writeString(out.resolve("checks.json"), GenderCommand.PRETTY.writeValueAsString(c));
        }
        o.println("outputs in " + out);
        return 0;
    }
}
