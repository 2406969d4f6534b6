package org.facecensus.generative;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.facecensus.FaceCensusException;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.generative.internal.AutoencoderBlock;
import org.facecensus.generative.internal.FaceData;
import org.facecensus.generative.internal.Pictures;
import org.facecensus.image.PngWriter;

/**
 * Trains an autoencoder or VAE on a dataset's kept faces, what {@code facecensus dataset train} runs, and writes:
 * {@code reconstructions.png} (held-out faces, top row, over their reconstructions), {@code latent-female.png} and
 * {@code latent-age.png} (the first two code values of every training face, coloured by the manifest's probability of
 * female and estimated age), {@code traversal.gif} (the decoder over a grid on [-1, 1]² of the first two code values,
 * the others 0, visited row by row in serpentine order, looping), {@code samples.png} and {@code samples/} (VAE:
 * decodes of N(0, I) codes), the parameters ({@code model-0000.params}) and {@code training.json}.
 *
 * <p>DJL is configured offline by {@link DjlSetup} before the engine loads; the CPU is used unless DJL finds CUDA.
 *
 * <p>Thread-safety: a built instance is immutable; {@link #run()} uses its own DJL manager.
 */
public final class FaceModelTraining {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceModelTraining.class);

    private final Path dataset;
    private final Path out;
    private final ModelKind kind;
    private final int latent;
    private final int size;
    private final int epochs;
    private final int batch;
    private final float learningRate;
    private final int limit;
    private final long seed;
    private final int samples;
    private final int grid;
    private final Path engineCache;
    private final int threads;

    private FaceModelTraining(Builder b) {
        this.dataset = b.dataset;
        this.out = b.out;
        this.kind = b.kind;
        this.latent = b.latent;
        this.size = b.size;
        this.epochs = b.epochs;
        this.batch = b.batch;
        this.learningRate = b.learningRate;
        this.limit = b.limit;
        this.seed = b.seed;
        this.samples = b.samples;
        this.grid = b.grid;
        this.engineCache = b.engineCache;
        this.threads = b.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains and writes the outputs.
     *
     * @throws FaceCensusException when the dataset cannot be read, the output folder written, or libtorch loaded
     */
    public TrainingReport run() {
        Path cache = DjlSetup.configure(engineCache, threads);
        FaceData data = FaceData.load(dataset, size, limit, seed);
        if (data.count() < 4) {
            throw new FaceCensusException("Only " + data.count() + " kept faces in " + dataset + "; train on at least 4.");
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, data.count()).boxed().toList());
        Random random = new Random(seed);
        Collections.shuffle(order, random);
        int testCount = Math.max(2, data.count() / 10);
        List<Integer> test = order.subList(0, testCount);
        List<Integer> train = new ArrayList<>(order.subList(testCount, order.size()));
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new FaceCensusException("Cannot load PyTorch (libtorch unpacks into " + cache + ", about 430 MB; check "
                    + "free space there or choose another folder with --engine-cache): " + e.getMessage(), e);
        }
        engine.setRandomSeed((int) seed);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot create " + out + ": " + e.getMessage(), e);
        }
        List<Path> outputs = new ArrayList<>();
        List<Double> epochLoss = new ArrayList<>();
        List<Double> epochSeconds = new ArrayList<>();
        AutoencoderBlock block = new AutoencoderBlock(kind, latent, size);
        try (Model model = Model.newInstance("facecensus-" + kind.name().toLowerCase(Locale.ROOT), engine.getEngineName())) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                int batchSize = Math.min(batch, train.size());
                trainer.initialize(new Shape(batchSize, 3, size, size));
                NDManager manager = trainer.getManager();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    long start = System.nanoTime();
                    Collections.shuffle(train, random);
                    double lossSum = 0;
                    int seen = 0;
                    int skipped = 0;
                    // Full batches only (the few faces left over are in the next epoch's shuffle): in one run a
                    // smaller last batch was followed by NaN in the next step (DJL 0.36, PyTorch 2.7.1, CPU).
                    for (int from = 0; from + batchSize <= train.size(); from += batchSize) {
                        List<Integer> ids = train.subList(from, from + batchSize);
                        try (NDManager step = manager.newSubManager()) {
                            NDArray x = data.batch(step, ids);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList y = trainer.forward(new NDList(x));
                                NDArray loss = loss(x, y);
                                float value = loss.getFloat();
                                LOG.debug("batch from {}: loss {}", from, value);
                                if (!Float.isFinite(value)) {
                                    throw new FaceCensusException(String.format(Locale.ROOT, "Training diverged in epoch "
                                            + "%d (loss %s; input finite: %s, output finite: %s); try a lower --lr than %s.",
                                            epoch + 1, value, x.isInfinite().any().getBoolean() || x.isNaN().any().getBoolean() ? "no" : "yes",
                                            y.get(0).isNaN().any().getBoolean() ? "no" : "yes", learningRate));
                                }
                                gc.backward(loss);
                                lossSum += value * ids.size();
                                seen += ids.size();
                                if (!gradientsFinite(block, step)) {
                                    // A non-finite gradient with a finite loss came now and then on the CPU; one such
                                    // update makes every weight NaN, so the step is skipped and counted instead. The
                                    // gradients are cleared with PyTorch's zero_(): GradientCollector.zeroGradients()
                                    // subtracts each gradient from itself, which leaves NaN in place.
                                    for (var p : block.getParameters().values()) {
                                        ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getArray());
                                    }
                                    skipped++;
                                    continue;
                                }
                            }
                            trainer.step();
                        }
                    }
                    if (skipped > 0) {
                        LOG.warn("{} epoch {}: {} step(s) skipped for a non-finite gradient", kind, epoch + 1, skipped);
                    }
                    if (skipped > 10) {
                        throw new FaceCensusException(skipped + " of the steps of epoch " + (epoch + 1) + " had non-finite"
                                + " gradients; try a lower --lr than " + learningRate + ".");
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    epochLoss.add(lossSum / seen);
                    epochSeconds.add(seconds);
                    LOG.info(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.5f, %.1f s", kind, epoch + 1, epochs,
                            lossSum / seen, seconds));
                }
                ParameterStore ps = new ParameterStore(manager, false);
                double testMse;
                double baseline;
                try (NDManager eval = manager.newSubManager()) {
                    // Held-out reconstruction error, and the mean-face baseline on the same faces.
                    float[] meanFace = data.mean(train);
                    double sq = 0;
                    double base = 0;
                    int pixels = 3 * size * size;
                    List<BufferedImage> sheet = new ArrayList<>();
                    List<BufferedImage> recon = new ArrayList<>();
                    for (int from = 0; from < test.size(); from += batch) {
                        List<Integer> ids = test.subList(from, Math.min(test.size(), from + batch));
                        NDArray x = data.batch(eval, ids);
                        NDArray r = block.forward(ps, new NDList(x), false).get(0);
                        sq += r.sub(x).square().sum().getFloat();
                        float[] rec = r.toFloatArray();
                        for (int k = 0; k < ids.size(); k++) {
                            float[] face = data.face(ids.get(k));
                            for (int i = 0; i < pixels; i++) {
                                double d = face[i] - meanFace[i];
                                base += d * d;
                            }
                            if (sheet.size() < 16) {
                                sheet.add(Pictures.face(face, size));
                                float[] one = new float[pixels];
                                System.arraycopy(rec, k * pixels, one, 0, pixels);
                                recon.add(Pictures.face(one, size));
                            }
                        }
                    }
                    testMse = sq / ((double) test.size() * pixels);
                    baseline = base / ((double) test.size() * pixels);
                    List<BufferedImage> both = new ArrayList<>(sheet);
                    both.addAll(recon);
                    outputs.add(write(out.resolve("reconstructions.png"), Pictures.grid(both, sheet.size(), 2)));
                    outputs.add(write(out.resolve("mean-face.png"), Pictures.face(meanFace, size)));
                    outputs.addAll(latentPictures(block, ps, eval, data, train));
                    outputs.add(traversal(block, ps, eval));
                    if (kind == ModelKind.VAE) {
                        outputs.addAll(samples(block, ps, eval, random));
                    }
                }
                try {
                    model.save(out, "model");
                } catch (IOException e) {
                    throw new FaceCensusException("Cannot save the model into " + out + ": " + e.getMessage(), e);
                }
                outputs.add(out.resolve("model-0000.params"));
                TrainingReport report = new TrainingReport(kind, latent, size, train.size(), test.size(), epochLoss,
                        epochSeconds, testMse, baseline, outputs);
                writeJson(report);
                return report;
            }
        }
    }

    /** Whether every gradient is finite (a sum is finite only when every term is); temporaries go to {@code scratch}. */
    private static boolean gradientsFinite(AutoencoderBlock block, NDManager scratch) {
        for (var p : block.getParameters().values()) {
            NDArray g = p.getArray().getGradient();
            g.attach(scratch);
            if (!Float.isFinite(g.sum().getFloat())) {
                return false;
            }
        }
        return true;
    }

    /** AE: pixel MSE. VAE: per-face summed squared error plus the KL divergence to N(0, I), averaged over faces. */
    private NDArray loss(NDArray x, NDList y) {
        NDArray r = y.get(0);
        if (kind == ModelKind.AE) {
            return r.sub(x).square().mean();
        }
        NDArray mean = y.get(1);
        NDArray logVar = y.get(2);
        long n = x.getShape().get(0);
        NDArray sse = r.sub(x).square().sum().div(n);
        NDArray kl = logVar.add(1).sub(mean.square()).sub(logVar.exp()).sum().mul(-0.5f).div(n);
        return sse.add(kl);
    }

    private List<Path> latentPictures(AutoencoderBlock block, ParameterStore ps, NDManager manager, FaceData data,
                                      List<Integer> train) {
        float[][] codes = new float[train.size()][];
        for (int from = 0; from < train.size(); from += batch) {
            List<Integer> ids = train.subList(from, Math.min(train.size(), from + batch));
            try (NDManager sub = manager.newSubManager()) {
                NDArray c = block.forward(ps, new NDList(data.batch(sub, ids)), false).get(1);
                float[] flat = c.toFloatArray();
                for (int k = 0; k < ids.size(); k++) {
                    codes[from + k] = new float[] {flat[k * latent], latent > 1 ? flat[k * latent + 1] : 0f};
                }
            }
        }
        Double[] female = train.stream().map(i -> data.rows().get(i).femaleProbability()).toArray(Double[]::new);
        Double[] age = train.stream().map(i -> data.rows().get(i).age()).toArray(Double[]::new);
        String name = kind.name() + " latent " + latent + (latent > 2 ? " (first two values)" : "");
        return List.of(write(out.resolve("latent-female.png"), Pictures.scatter(codes, female, 0, 1, name + ", p(female)")),
                write(out.resolve("latent-age.png"), Pictures.scatter(codes, age, 0, 80, name + ", age")));
    }

    private Path traversal(AutoencoderBlock block, ParameterStore ps, NDManager manager) {
        int n = grid;
        float[] codes = new float[n * n * latent];
        int k = 0;
        for (int row = 0; row < n; row++) {
            for (int step = 0; step < n; step++) {
                int col = row % 2 == 0 ? step : n - 1 - step; // serpentine: no jump between rows
                codes[k * latent] = -1f + 2f * col / (n - 1);
                if (latent > 1) {
                    codes[k * latent + 1] = 1f - 2f * row / (n - 1);
                }
                k++;
            }
        }
        float[] flat = block.decode(ps, manager.create(codes, new Shape(n * n, latent))).toFloatArray();
        int pixels = 3 * size * size;
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < n * n; i++) {
            float[] one = new float[pixels];
            System.arraycopy(flat, i * pixels, one, 0, pixels);
            BufferedImage face = Pictures.face(one, size);
            frames.add(Pictures.grid(List.of(face), 1, Math.max(1, 192 / size)));
        }
        Path gif = out.resolve("traversal.gif");
        try {
            Pictures.gif(gif, frames, 120);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write " + gif + ": " + e.getMessage(), e);
        }
        return gif;
    }

    private List<Path> samples(AutoencoderBlock block, ParameterStore ps, NDManager manager, Random random) {
        float[] codes = new float[samples * latent];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) random.nextGaussian();
        }
        Path dir = out.resolve("samples");
        List<BufferedImage> faces = new ArrayList<>();
        int pixels = 3 * size * size;
        try {
            Files.createDirectories(dir);
            for (int from = 0; from < samples; from += batch) {
                int m = Math.min(batch, samples - from);
                float[] part = new float[m * latent];
                System.arraycopy(codes, from * latent, part, 0, part.length);
                float[] flat = block.decode(ps, manager.create(part, new Shape(m, latent))).toFloatArray();
                for (int i = 0; i < m; i++) {
                    float[] one = new float[pixels];
                    System.arraycopy(flat, i * pixels, one, 0, pixels);
                    BufferedImage face = Pictures.face(one, size);
                    PngWriter.write(dir.resolve(String.format(Locale.ROOT, "sample-%04d.png", from + i)), face);
                    if (faces.size() < 64) {
                        faces.add(face);
                    }
                }
            }
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the samples into " + dir + ": " + e.getMessage(), e);
        }
        return List.of(write(out.resolve("samples.png"), Pictures.grid(faces, 8, 2)), dir);
    }

    private static Path write(Path file, BufferedImage image) {
        try {
            PngWriter.write(file, image);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private void writeJson(TrainingReport report) {
        try {
            org.facecensus.io.AtomicFiles.writeString(out.resolve("training.json"),
                    new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(java.util.Map.of("report", java.util.Map.of(
                                    "kind", report.kind().name().toLowerCase(Locale.ROOT), "latent", latent, "size", size,
                                    "trainFaces", report.trainFaces(), "testFaces", report.testFaces(),
                                    "epochLoss", report.epochLoss(), "secondsPerEpoch", report.secondsPerEpoch(),
                                    "testMse", report.testMse(), "meanFaceMse", report.meanFaceMse(),
                                    "dataset", dataset.toString()),
                                    "settings", java.util.Map.of("epochs", epochs, "batch", batch, "learningRate",
                                            learningRate, "seed", seed, "limit", limit,
                                            "engine", "DJL " + Engine.getDjlVersion() + " PyTorch " + Engine.getEngine("PyTorch").getVersion()))));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write training.json into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Settings of a {@link FaceModelTraining}.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private Path dataset;
        private Path out;
        private ModelKind kind = ModelKind.AE;
        private int latent = 2;
        private int size = 64;
        private int epochs = 10;
        private int batch = 64;
        private float learningRate = 1e-3f;
        private int limit = Integer.MAX_VALUE;
        private long seed = 1;
        private int samples = 500;
        private int grid = 12;
        private Path engineCache;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** A folder written by {@code dataset build}. */
        public Builder dataset(Path dir) {
            this.dataset = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Where the model and its pictures go. */
        public Builder out(Path dir) {
            this.out = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder kind(ModelKind value) {
            this.kind = Objects.requireNonNull(value, "value");
            return this;
        }

        /** Code length (default 2, the study's). */
        public Builder latent(int values) {
            if (values < 1 || values > 512) {
                throw new FaceCensusException("--latent must be within 1..512; got " + values);
            }
            this.latent = values;
            return this;
        }

        /** Picture side: 32, 64 or 128 (a power of two from 8; default 64). */
        public Builder size(int pixels) {
            if (pixels < 8 || pixels > 256 || Integer.bitCount(pixels) != 1) {
                throw new FaceCensusException("--size for training must be a power of two within 8..256 (64 or 128 "
                        + "usually); got " + pixels + ". Faces of another size are resized.");
            }
            this.size = pixels;
            return this;
        }

        public Builder epochs(int n) {
            if (n < 1) {
                throw new FaceCensusException("--epochs must be at least 1; got " + n);
            }
            this.epochs = n;
            return this;
        }

        public Builder batch(int n) {
            if (n < 2) {
                throw new FaceCensusException("--batch must be at least 2; got " + n);
            }
            this.batch = n;
            return this;
        }

        public Builder learningRate(double rate) {
            this.learningRate = (float) rate;
            return this;
        }

        /** Train on at most this many faces (a seeded random choice when there are more). */
        public Builder limit(int faces) {
            this.limit = faces;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** VAE samples written to {@code samples/} (default 500). */
        public Builder samples(int n) {
            this.samples = n;
            return this;
        }

        /** Traversal grid side (default 12: 144 frames). */
        public Builder grid(int n) {
            if (n < 2) {
                throw new FaceCensusException("the traversal grid needs at least 2 steps; got " + n);
            }
            this.grid = n;
            return this;
        }

        /** Where libtorch is unpacked (see {@link DjlSetup}); null for the default. */
        public Builder engineCache(Path dir) {
            this.engineCache = dir;
            return this;
        }

        /** PyTorch's CPU threads. */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public FaceModelTraining build() {
            if (dataset == null || out == null) {
                throw new FaceCensusException("dataset train needs a dataset folder and --out.");
            }
            return new FaceModelTraining(this);
        }
    }
}
