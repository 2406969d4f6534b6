package org.facecensus.classify.human;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.human.HumanOnnxCache;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * A gender classifier of the Human zoo ({@link HumanGenderModel}) on ONNX Runtime: the whole aligned crop is
 * the network's face, resized and scaled as Human does; the label is the likelier gender with its probability,
 * and the age comes with it where the network estimates one (FaceRes, GEAR).
 *
 * <p><b>Input.</b> Human feeds these networks its own face crop (the detector's box, squared and straightened);
 * FaceCensus feeds the aligner's crop ({@code similarity-5pt}, 224×224, eyes level) or a data set's aligned
 * chip. The gender tables in the README are measured that way.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use. {@link #close()} is idempotent.
 */
public final class HumanGenderClassifier implements GenderClassifier {
    static final int MAX_BATCH = 16;

    private final HumanGenderModel model;
    private final ModelInfo info;
    private final LazySession session;
    private final String input;

    public HumanGenderClassifier(HumanGenderModel model, ModelStore store, ExecutionDevice device) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(device, "device");
        this.info = model.net().info();
        this.input = model.net().input();
        this.session = new LazySession(model.providerName() + " classifier",
                () -> InferenceEngines.open(HumanOnnxCache.converted(store, model.net()), info, device));
    }

    @Override
    public String name() {
        return model.providerName();
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(info);
    }

    @Override
    public GenderPrediction classify(AlignedFace face) {
        return verdicts(List.of(face)).get(0).prediction().orElseThrow();
    }

    @Override
    public List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        return verdicts(faces).stream().map(v -> v.prediction().orElseThrow()).toList();
    }

    /** Gender, and age where the network has it, up to {@value #MAX_BATCH} faces per ONNX Runtime call. */
    @Override
    public List<GenderVerdict> verdicts(List<AlignedFace> crops) {
        InferenceSession net = session.get();
        int s = model.size();
        int plane = s * s * model.channels();
        List<GenderVerdict> out = new ArrayList<>(crops.size());
        for (int start = 0; start < crops.size(); start += MAX_BATCH) {
            List<AlignedFace> batch = crops.subList(start, Math.min(crops.size(), start + MAX_BATCH));
            float[] data = new float[batch.size() * plane];
            for (int i = 0; i < batch.size(); i++) {
                model.writeInput(batch.get(i).crop(), data, i * plane);
            }
            Map<String, Tensor> result = net.run(Map.of(input, new Tensor(data, batch.size(), s, s, model.channels())));
            float[] gender = result.get(model.genderOutput()).data();
            float[] age = model.ageOutput() == null ? null : result.get(model.ageOutput()).data();
            for (int i = 0; i < batch.size(); i++) {
                double female = Math.min(1, Math.max(0, model.probabilityFemale(gender, i)));
                boolean isFemale = female >= 0.5;
                GenderPrediction p = new GenderPrediction(isFemale ? Gender.FEMALE : Gender.MALE,
                        isFemale ? female : 1 - female, info);
                OptionalDouble years = model.age(age, i);
                out.add(years.isPresent() ? GenderVerdict.of(p, years.getAsDouble()) : GenderVerdict.of(p));
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
    }
}
