package org.facecensus.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.image.ImageLoader;
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
 * Time per face of each gender classifier and embedder found by name (the Human zoo's and face-api's, side by
 * side in one run), on {@value #FACES} real UTKFace test crops per invocation in batches of 16, including each
 * model's own resizing. One thread, ONNX Runtime with 1 intra-op thread. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar HumanZoo}
 *
 * <p>Thread-safety: a JMH state object, used by the benchmark's thread as its Scope says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Dfacecensus.onnx.threads=1")
@Threads(1)
public class HumanZooBenchmark {
    static final int FACES = 32;

    @Param("../shared/data/utkface")
    public String data;

    /** {@code gender:NAME} or {@code embed:NAME}. */
    @Param({"gender:faceapi-agegender", "gender:faceres", "gender:faceres-deep", "gender:gear", "gender:oarriaga-gender",
            "gender:ssrnet-gender", "embed:faceres-features", "embed:mobilefacenet", "embed:resnet-descriptor"})
    public String model;

    private List<AlignedFace> faces;
    private GenderClassifier classifier;
    private FaceEmbedder embedder;

    @Setup(Level.Trial)
    public void setUp() {
        faces = new ArrayList<>();
        List<LabelledFace> test = LabelledDataset.read(Path.of(data)).split("test");
        for (LabelledFace f : test.subList(0, FACES)) {
            faces.add(AlignedFace.ofCrop(ImageLoader.defaults().load(f.file())));
        }
        String[] m = model.split(":");
        if (m[0].equals("gender")) {
            classifier = FaceCensus.genderClassifier(m[1]);
            classifier.verdicts(faces);
        } else {
            embedder = FaceCensus.faceEmbedder(m[1]);
            embedder.embedAll(faces);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (classifier != null) {
            classifier.close();
        }
        if (embedder != null) {
            embedder.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FACES)
    public Object perFace() {
        List<Object> out = new ArrayList<>();
        for (int start = 0; start < FACES; start += 16) {
            List<AlignedFace> batch = faces.subList(start, Math.min(FACES, start + 16));
            if (classifier != null) {
                List<GenderVerdict> v = classifier.verdicts(batch);
                out.addAll(v);
            } else {
                out.addAll(embedder.embedAll(batch));
            }
        }
        return out;
    }
}
