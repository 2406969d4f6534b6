package org.facecensus.classify.transfer.backbone;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * A {@link FaceEmbedder} over any ONNX network described by a {@link FeatureExtractorSpec}: the
 * extractor for user-supplied backbones such as VGG-Face, whose weights FaceCensus does not
 * redistribute (they are licensed for non-commercial research only).
 *
 * <p>The file is hashed (sha256) when the extractor is created; that digest goes into
 * {@link #models()} and into every head trained on these features, and a head refuses to run on a
 * file with a different digest.
 *
 * <p>Batching: {@link #embedAll} sends up to {@value #MAX_BATCH} faces per call; the network's batch
 * dimension must therefore be dynamic (a fixed batch of 1 also works: the extractor then falls back
 * to one face per call).
 *
 * <p>Thread-safety: thread-safe; the session opens on first use; {@link #close()} is idempotent.
 */
public final class OnnxFeatureExtractor implements FaceEmbedder {
    static final int MAX_BATCH = 16;

    private final FeatureExtractorSpec spec;
    private final ModelInfo info;
    private final LazySession session;
    private volatile int dimension = -1;
    private volatile boolean singleBatch;

    /**
     * @param spec   how to feed the network and read its features
     * @param file   the ONNX file
     * @param device where to run it
     */
    public OnnxFeatureExtractor(FeatureExtractorSpec spec, Path file, ExecutionDevice device) {
        this.spec = Objects.requireNonNull(spec, "spec");
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("Backbone file " + file + " not found. " + (spec.name().equals("vggface")
                    ? "VGG-Face weights are not distributed with FaceCensus (non-commercial licence): convert them to"
                    + " ONNX yourself (input [N,3,224,224] BGR minus the VGG-Face mean) and pass the file's path."
                    : "Pass the path of an ONNX file."));
        }
        String sha;
        try {
            sha = ModelStore.sha256(file);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read backbone file " + file + ": " + e.getMessage(), e);
        }
        this.info = new ModelInfo(spec.name(), "user-supplied", file.toAbsolutePath().normalize() + " [" + spec.describe() + "]",
                sha, spec.name().equals("vggface") ? "VGG-Face: non-commercial research only (user-supplied)" : "user-supplied");
        ExecutionDevice dev = Objects.requireNonNull(device, "device");
        this.session = new LazySession(spec.name() + " backbone", () -> InferenceEngines.open(file, info, dev));
    }

    public FeatureExtractorSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    /** The feature length, found by running the network once on a grey face the first time it is asked. */
    @Override
    public int dimension() {
        int d = dimension;
        if (d < 0) {
            byte[] grey = new byte[spec.width() * spec.height() * 3];
            java.util.Arrays.fill(grey, (byte) 128);
            RgbImage probe = RgbImage.of(spec.width(), spec.height(), grey);
            d = embedBatch(List.of(probe)).get(0).length;
        }
        return d;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(info);
    }

    @Override
    public float[] embed(AlignedFace face) {
        return embedAll(List.of(face)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<AlignedFace> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        int batchSize = singleBatch ? 1 : MAX_BATCH;
        for (int start = 0; start < faces.size(); start += batchSize) {
            List<RgbImage> crops = faces.subList(start, Math.min(faces.size(), start + batchSize)).stream()
                    .map(AlignedFace::crop).toList();
            out.addAll(embedBatch(crops));
        }
        return out;
    }

    /** The network's input tensor for these crops: resized, channel-ordered, normalised, laid out. */
    public Tensor inputTensor(List<RgbImage> crops) {
        int w = spec.width();
        int h = spec.height();
        int plane = w * h;
        float[] data = new float[crops.size() * 3 * plane];
        float[] mean = spec.mean();
        float[] std = spec.std();
        boolean bgr = spec.channelOrder() == FeatureExtractorSpec.ChannelOrder.BGR;
        boolean nchw = spec.layout() == FeatureExtractorSpec.Layout.NCHW;
        for (int n = 0; n < crops.size(); n++) {
            RgbImage crop = crops.get(n);
            RgbImage sized = crop.width() == w && crop.height() == h ? crop : ImageOps.resize(crop, w, h);
            ByteBuffer px = sized.pixels();
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                for (int rgbIndex = 0; rgbIndex < 3; rgbIndex++) {
                    int c = bgr ? 2 - rgbIndex : rgbIndex;
                    float v = ((px.get(i * 3 + rgbIndex) & 0xff) - mean[c]) / std[c];
                    data[nchw ? base + c * plane + i : base + i * 3 + c] = v;
                }
            }
        }
        return nchw ? new Tensor(data, crops.size(), 3, h, w) : new Tensor(data, crops.size(), h, w, 3);
    }

    private List<float[]> embedBatch(List<RgbImage> crops) {
        InferenceSession net = session.get();
        Tensor input = inputTensor(crops);
        Map<String, Tensor> outputs;
        String inputName = spec.inputName().isEmpty() ? "input" : spec.inputName();
        try {
            outputs = net.run(Map.of(inputName, input));
        } catch (RuntimeException e) {
            if (crops.size() > 1) {
                // A network exported with a fixed batch of 1 rejects larger batches; go face by face.
                singleBatch = true;
                List<float[]> out = new ArrayList<>();
                for (RgbImage c : crops) {
                    out.addAll(embedBatch(List.of(c)));
                }
                return out;
            }
            throw new FaceCensusException("Backbone " + spec.name() + " failed on input '" + inputName + "' "
                    + input + ": " + e.getMessage() + ". Check the input name, size and layout ("
                    + spec.describe() + ").", e);
        }
        Tensor features = outputs.get(spec.outputName());
        if (features == null) {
            throw new FaceCensusException("Backbone " + spec.name() + " has no output '" + spec.outputName()
                    + "'; its outputs are " + outputs.keySet() + ".");
        }
        List<float[]> vectors = pool(features, crops.size());
        dimension = vectors.get(0).length;
        return vectors;
    }

    /** Splits a batched output into one vector per face, pooling a 4-d map over its spatial axes. */
    List<float[]> pool(Tensor output, int batch) {
        long[] shape = output.shape();
        float[] data = output.data();
        int per = data.length / batch;
        List<float[]> out = new ArrayList<>(batch);
        boolean map = shape.length == 4 && spec.pooling() != FeatureExtractorSpec.Pooling.NONE;
        for (int n = 0; n < batch; n++) {
            if (!map) {
                float[] v = new float[per];
                System.arraycopy(data, n * per, v, 0, per);
                out.add(v);
                continue;
            }
            int channels = (int) shape[1];
            int spatial = (int) (shape[2] * shape[3]);
            float[] v = new float[channels];
            for (int c = 0; c < channels; c++) {
                int base = n * per + c * spatial;
                double acc = spec.pooling() == FeatureExtractorSpec.Pooling.MAX ? Double.NEGATIVE_INFINITY : 0;
                for (int i = 0; i < spatial; i++) {
                    acc = spec.pooling() == FeatureExtractorSpec.Pooling.MAX ? Math.max(acc, data[base + i]) : acc + data[base + i];
                }
                v[c] = (float) (spec.pooling() == FeatureExtractorSpec.Pooling.MAX ? acc : acc / spatial);
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
    }
}
