package org.facecensus.classify.faceapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.GenderVerdict;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiConverter;
import org.facecensus.modeltools.faceapi.FaceApiCrop;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * {@code faceapi-agegender}: face-api.js' {@code AgeGenderNet} (MIT; a TinyXception trained on
 * photos) on ONNX Runtime: perceived gender with its probability, and age in years.
 *
 * <p><b>Input.</b> The whole {@link AlignedFace#crop()} is the network's face: padded to a square and
 * resized to 112×112 as face-api does. face-api itself feeds the axis-aligned "aligned box" of the
 * 68 landmarks (their bounding box grown by 20 %, {@code FaceLandmarks.align()}), cut from the image
 * without warping; {@link #alignedFace(RgbImage, DetectedFace)} makes exactly that crop, and gives
 * face-api's results. Crops from other aligners (e.g. 224×224, eyes level) work too but are not
 * what the net was trained on.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use. {@link #close()} is idempotent.
 */
public final class FaceApiAgeGenderClassifier implements GenderClassifier {
    /** The provider name. */
    public static final String NAME = "faceapi-agegender";
    static final int MAX_BATCH = 16;

    static final ModelInfo INFO = FaceApiModels.AGE_GENDER.info();

    /**
     * Age and gender of one face.
     *
     * <p>Thread-safety: immutable.
     */
    public record AgeGender(double age, GenderPrediction gender) {
    }

    private final ModelStore store;
    private final ExecutionDevice device;
    private final LazySession session;

    public FaceApiAgeGenderClassifier(ModelStore store, ExecutionDevice device) {
        this.store = Objects.requireNonNull(store, "store");
        this.device = Objects.requireNonNull(device, "device");
        this.session = new LazySession(NAME + " classifier", () -> InferenceEngines.open(FaceApiOnnxCache.ageGender(store), INFO, this.device));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(INFO);
    }

    /**
     * face-api's aligned box of 68 landmarks: their bounding box (the max starting from 0, as
     * face-api's {@code minBbox}) grown by 20 % of its size, centred.
     */
    public static FaceBox alignedBox(Landmarks landmarks, double score) {
        if (landmarks.scheme() != LandmarkScheme.IBUG_68) {
            throw new FaceCensusException("faceapi-agegender's aligned box needs 68 iBUG landmarks, got "
                    + landmarks.scheme() + "; use --landmarks landmark68-net (or dlib-68).");
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = 0;
        double maxY = 0;
        for (Point p : landmarks.points()) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        double w = maxX - minX;
        double h = maxY - minY;
        double padX = w * 0.2;
        double padY = h * 0.2;
        return new FaceBox(minX - padX / 2, minY - padY / 2, w + padX, h + padY, score);
    }

    /**
     * The crop face-api feeds this net: the {@link #alignedBox aligned box} of the face's 68
     * landmarks, clipped to the image and floored ({@code extractFaceTensors}), unwarped.
     */
    public static AlignedFace alignedFace(RgbImage image, DetectedFace face) {
        Landmarks lm = face.landmarks().orElseThrow(() -> new FaceCensusException("faceapi-agegender needs the"
                + " face's 68 landmarks to crop it as face-api does; run a landmark detector first"
                + " (--landmarks landmark68-net)."));
        FaceApiCrop c = FaceApiCrop.of(alignedBox(lm, face.box().score()), image.width(), image.height());
        RgbImage crop = ImageOps.crop(image, c.x(), c.y(), c.width(), c.height(), 0);
        return new AlignedFace(crop, new double[] {1, 0, -c.x(), 0, 1, -c.y()}, face);
    }

    @Override
    public GenderPrediction classify(AlignedFace face) {
        return predictAll(List.of(face)).get(0).gender();
    }

    @Override
    public List<GenderPrediction> classifyAll(List<AlignedFace> faces) {
        return predictAll(faces).stream().map(AgeGender::gender).toList();
    }

    @Override
    public java.util.Optional<AlignedFace> ownCrop(RgbImage image, DetectedFace face) {
        return java.util.Optional.of(alignedFace(image, face));
    }

    /** Gender and age from the same pass. */
    @Override
    public List<GenderVerdict> verdicts(List<AlignedFace> crops) {
        return predictAll(crops).stream().map(a -> GenderVerdict.of(a.gender(), a.age())).toList();
    }

    /** Age and gender of each face, up to {@value #MAX_BATCH} faces per ONNX Runtime call. */
    public List<AgeGender> predictAll(List<AlignedFace> faces) {
        List<AgeGender> out = new ArrayList<>(faces.size());
        runBatches(faces, (result, n) -> {
            float[] age = result.get(FaceApiConverter.AGE_OUTPUT).data();
            float[] gender = result.get(FaceApiConverter.GENDER_OUTPUT).data();
            for (int i = 0; i < n; i++) {
                // face-api: index 0 is "male"; the label is the likelier one and its probability.
                double male = gender[2 * i];
                boolean isMale = male > 0.5;
                out.add(new AgeGender(age[i], new GenderPrediction(isMale ? Gender.MALE : Gender.FEMALE,
                        isMale ? male : 1 - male, INFO)));
            }
        });
        return out;
    }

    /**
     * The net's pooled penultimate features ({@value FaceApiConverter#AGE_GENDER_FEATURES} values, the
     * input of its age and gender heads) for each face, pre-processed as {@link #predictAll}.
     */
    public List<float[]> featuresAll(List<AlignedFace> faces) {
        int dim = FaceApiConverter.AGE_GENDER_FEATURES;
        List<float[]> out = new ArrayList<>(faces.size());
        runBatches(faces, (result, n) -> {
            float[] features = result.get(FaceApiConverter.AGE_GENDER_FEATURES_OUTPUT).data();
            for (int i = 0; i < n; i++) {
                float[] f = new float[dim];
                System.arraycopy(features, i * dim, f, 0, dim);
                out.add(f);
            }
        });
        return out;
    }

    /** What to do with one batch's outputs: the net's result and how many faces it holds. */
    private interface BatchResult {
        void accept(Map<String, Tensor> result, int faces);
    }

    /** face-api's pre-processing of each crop, run through the net {@value #MAX_BATCH} faces at a time, in order. */
    private void runBatches(List<AlignedFace> faces, BatchResult consumer) {
        InferenceSession net = session();
        int plane = 3 * FaceApiCrop.SIZE * FaceApiCrop.SIZE;
        for (int start = 0; start < faces.size(); start += MAX_BATCH) {
            List<AlignedFace> batch = faces.subList(start, Math.min(faces.size(), start + MAX_BATCH));
            float[] input = new float[batch.size() * plane];
            for (int i = 0; i < batch.size(); i++) {
                RgbImage crop = batch.get(i).crop();
                new FaceApiCrop(0, 0, crop.width(), crop.height()).writeTensor(crop, input, i * plane);
            }
            consumer.accept(net.run(Map.of(FaceApiConverter.INPUT,
                    new Tensor(input, batch.size(), 3, FaceApiCrop.SIZE, FaceApiCrop.SIZE))), batch.size());
        }
    }

    private InferenceSession session() {
        return session.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
