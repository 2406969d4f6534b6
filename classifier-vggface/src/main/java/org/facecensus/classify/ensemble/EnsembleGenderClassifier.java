package org.facecensus.classify.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceToClassify;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.io.Sha256;

/**
 * The two-model filter: a face is MALE or FEMALE only when both classifiers predict that label with
 * probability at least {@code threshold} each; otherwise it is {@link Gender#UNKNOWN} (an
 * abstention). The prediction's probability is the smaller of the two members' probabilities, so
 * it never claims more confidence than the less sure member.
 *
 * <p><b>Crops.</b> Members may want different crops (face-api's net cuts its own box from the 68
 * landmarks, see {@link GenderClassifier#ownCrop}). {@link #classify(RgbImage, DetectedFace,
 * AlignedFace)} gives each member its own crop when it has one, else the aligned face; {@link
 * #classify(AlignedFace)} can only hand both members the same aligned crop. {@link #ownCrop} is
 * empty because no single crop suits both.
 *
 * <p>Thread-safety: thread-safe when both members are (the {@link GenderClassifier} contract).
 * The ensemble owns its members: {@link #close()} closes both, and is idempotent.
 */
public final class EnsembleGenderClassifier implements GenderClassifier {
    private final GenderClassifier first;
    private final GenderClassifier second;
    private final double threshold;
    private final String name;

    /**
     * @param threshold each member's minimum probability for its label to count, in [0.5, 1]
     */
    public EnsembleGenderClassifier(GenderClassifier first, GenderClassifier second, double threshold) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        if (!(threshold >= 0.5 && threshold <= 1)) {
            throw new FaceCensusException("The two-model filter's threshold is a probability each classifier must"
                    + " reach for its label, in [0.5, 1]; got " + threshold + ".");
        }
        this.threshold = threshold;
        this.name = first.name() + "+" + second.name();
    }

    @Override
    public String name() {
        return name;
    }

    public double threshold() {
        return threshold;
    }

    public GenderClassifier first() {
        return first;
    }

    public GenderClassifier second() {
        return second;
    }

    /** Both members' models, first then second. */
    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>(modelsOf(first));
        out.addAll(modelsOf(second));
        return List.copyOf(out);
    }

    @Override
    public GenderPrediction classify(AlignedFace face) {
        return combine(first.classify(face), second.classify(face));
    }

    @Override
    public List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        return combineAll(first.classifyAll(faces), second.classifyAll(faces));
    }

    /**
     * Classifies a detected face, giving each member the crop it was trained on: its {@link
     * GenderClassifier#ownCrop own crop} of {@code image} when it has one, else {@code aligned}.
     */
    public GenderPrediction classify(RgbImage image, DetectedFace face, AlignedFace aligned) {
        return combine(first.classify(cropFor(first, image, face, aligned)),
                second.classify(cropFor(second, image, face, aligned)));
    }

    /**
     * Each face classified by both members, each choosing its own input ({@link GenderClassifier#predict}: its
     * own crop or the aligned face), one batch per member, then combined. A face that either member cannot
     * read gets that member's problem.
     */
    @Override
    public List<GenderVerdict> predict(List<FaceToClassify> faces) {
        List<GenderVerdict> a = first.predict(faces);
        List<GenderVerdict> b = second.predict(faces);
        List<GenderVerdict> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            GenderVerdict x = a.get(i);
            GenderVerdict y = b.get(i);
            out.add(x.prediction().isPresent() && y.prediction().isPresent()
                    ? GenderVerdict.of(combine(x.prediction().get(), y.prediction().get()))
                    : GenderVerdict.failed(x.problem().or(y::problem).orElseThrow()));
        }
        return out;
    }

    /** {@code member}'s own crop of the face when it has one, else the aligned face. */
    public static AlignedFace cropFor(GenderClassifier member, RgbImage image, DetectedFace face, AlignedFace aligned) {
        return member.ownCrop(image, face).orElse(aligned);
    }

    /** Combines the members' predictions of one face by this ensemble's rule. */
    public GenderPrediction combine(GenderPrediction a, GenderPrediction b) {
        Gender label = decide(a, b, threshold);
        return new GenderPrediction(label, Math.min(a.probability(), b.probability()), combinedModel(a.model(), b.model()));
    }

    /** {@link #combine} face by face. */
    public List<GenderPrediction> combineAll(List<GenderPrediction> a, List<GenderPrediction> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " predictions from " + first.name() + " but " + b.size()
                    + " from " + second.name());
        }
        List<GenderPrediction> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(combine(a.get(i), b.get(i)));
        }
        return out;
    }

    /** The rule: the shared label when both decided it with probability ≥ threshold, else UNKNOWN. */
    public static Gender decide(GenderPrediction a, GenderPrediction b, double threshold) {
        boolean agree = a.gender() == b.gender() && a.gender() != Gender.UNKNOWN;
        return agree && a.probability() >= threshold && b.probability() >= threshold ? a.gender() : Gender.UNKNOWN;
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }

    /**
     * A classifier's models: {@code GenderClassifier} has no {@code models()} yet, so a public
     * {@code List<ModelInfo> models()} method is looked up on the implementation (every FaceCensus
     * classifier has one); empty when there is none.
     */
    static List<ModelInfo> modelsOf(GenderClassifier classifier) {
        return classifier.models();
    }

    /** Provenance of a combined verdict: both members, named, with a digest over both sha256s. */
    private ModelInfo combinedModel(ModelInfo a, ModelInfo b) {
        return new ModelInfo(name, a.name() + " " + a.version() + " & " + b.name() + " " + b.version(),
                String.format(java.util.Locale.ROOT, "two-model filter (threshold %s) of %s [sha256 %s] and %s [sha256 %s]",
                        threshold, a.source(), a.sha256(), b.source(), b.sha256()),
                Sha256.hex(a.sha256() + "\n" + b.sha256()), a.licence() + " & " + b.licence());
    }
}
