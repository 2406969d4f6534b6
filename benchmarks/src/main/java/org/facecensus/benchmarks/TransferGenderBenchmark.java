package org.facecensus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.transfer.GenderHeadTraining;
import org.facecensus.classify.transfer.TransferGenderClassifier;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.transfer.head.GenderHead;
import org.facecensus.classify.transfer.head.TrainingOptions;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.spi.ProviderContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transfer gender classification throughput (backbone + the study's MLP head), faces per second, for
 * {@code resnet-descriptor} alone and for the default backbone ({@code resnet-descriptor+faceapi-agegender-features},
 * mirror-averaged: four network passes per face), on {@value #FACES} real UTKFace crops per invocation, given to
 * {@code classifyAll} in batches of {@code batch} (1: face by face). The head is trained in setup on
 * every 10th UTKFace training face. One thread, ONNX Runtime with 1 intra-op thread. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar TransferGender}
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread(s) as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dfacecensus.onnx.threads=1")
@Threads(1)
public class TransferGenderBenchmark {
    static final int FACES = 32;

    @Param("../shared/data/utkface")
    public String data;

    @Param({"1", "32"})
    public int batch;

    /** A backbone name, {@code :flip} for mirror averaging. */
    @Param({"resnet-descriptor", "resnet-descriptor+faceapi-agegender-features:flip"})
    public String backbone;

    private List<AlignedFace> faces;
    private TransferGenderClassifier classifier;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LabelledDataset dataset = LabelledDataset.read(Path.of(data));
        List<LabelledFace> train = new ArrayList<>();
        List<LabelledFace> all = dataset.split("train");
        for (int i = 0; i < all.size(); i += 10) {
            train.add(all.get(i));
        }
        Path head = Files.createTempFile("transfer-benchmark", ".json");
        String[] b = backbone.split(":");
        BackboneConfig config = BackboneConfig.provider(b[0]).withFlipAverage(b.length > 1 && b[1].equals("flip"));
        try (Backbone opened = Backbone.open(config, ProviderContext.defaults())) {
            FeatureTable table = FeatureTable.embed(train, opened, EmbeddingCache.disabled(), n -> { });
            GenderHead trained = GenderHeadTraining.train(table, opened, TrainingOptions.defaults(), "platt",
                    GenderHead.DEFAULT_ABSTAIN_MARGIN, data, 0);
            trained.save(head);
        }
        classifier = TransferGenderClassifier.open(head);
        faces = new ArrayList<>();
        try (Stream<LabelledFace> test = dataset.split("test").stream().limit(FACES)) {
            for (LabelledFace f : test.toList()) {
                RgbImage img = ImageLoader.defaults().load(f.file());
                faces.add(AlignedFace.ofCrop(img));
            }
        }
        classifier.classifyAll(faces);
    }

    @TearDown(Level.Trial)
    public void close() {
        classifier.close();
    }

    @Benchmark
    @OperationsPerInvocation(FACES)
    public List<GenderPrediction> classifyFaces() {
        List<GenderPrediction> out = new ArrayList<>(FACES);
        for (int start = 0; start < FACES; start += batch) {
            out.addAll(classifier.classifyAll(faces.subList(start, Math.min(FACES, start + batch))));
        }
        return out;
    }
}
