package org.facecensus.classify.faceapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiCrop;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.facecensus.modeltools.faceapi.FaceApiOnnxCache;
import org.facecensus.modeltools.faceapi.FaceApiRecognition;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.spi.inference.InferenceEngines;
import org.facecensus.spi.inference.InferenceSession;
import org.facecensus.spi.inference.LazySession;
import org.facecensus.spi.inference.Tensor;

/**
 * {@code resnet-descriptor}: face-api.js' {@code FaceRecognitionNet} (MIT; its port of dlib's
 * ResNet-34-like face recognition network) on ONNX Runtime: a 128-d face descriptor, compared by
 * Euclidean distance (face-api's {@code FaceMatcher} default threshold 0.6) or cosine similarity.
 * The values are the network's own, not re-normalised.
 *
 * <p><b>Input.</b> The whole {@link AlignedFace#crop()} (RGB, any size) is the network's face: padded
 * to a centred square with black and resized to 150×150 (TF legacy bilinear), minus face-api's mean
 * RGB {@code [122.782, 117.001, 104.298]}, divided by 255 ({@code FaceRecognitionNet.forwardInput}).
 * face-api's {@code withFaceDescriptors()} feeds the unwarped crop of
 * {@code landmarks.align(null, {useDlibAlignment: true})}: a square around the eye and mouth centres
 * sized by the eye-to-mouth distance; {@link #alignedFace(RgbImage, DetectedFace)} makes exactly that
 * crop from a face with 68 iBUG landmarks found in its box (landmark68-net, as face-api; or dlib-68),
 * and gives face-api's descriptors. Other crops work but are not what the net was trained on.
 *
 * <p>Batching: {@link #embedAll} runs up to {@value #MAX_BATCH} faces per ONNX Runtime call.
 *
 * <p>Thread-safety: thread-safe; the session is opened once, on first use. {@link #close()} is idempotent.
 */
public final class ResnetDescriptorEmbedder implements FaceEmbedder {
    /** The provider name. */
    public static final String NAME = "resnet-descriptor";
    static final int MAX_BATCH = 16;
    private static final int SIZE = FaceApiRecognition.INPUT_SIZE;

    static final ModelInfo INFO = FaceApiModels.FACE_RECOGNITION.info();

    private final ModelStore store;
    private final ExecutionDevice device;
    private final LazySession session;

    public ResnetDescriptorEmbedder(ModelStore store, ExecutionDevice device) {
        this.store = Objects.requireNonNull(store, "store");
        this.device = Objects.requireNonNull(device, "device");
        this.session = new LazySession(NAME + " embedder", () -> InferenceEngines.open(FaceApiOnnxCache.faceRecognition(store), INFO, this.device));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return FaceApiRecognition.DIMENSION;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(INFO);
    }

    /**
     * face-api's {@code FaceLandmarks.alignDlib()}: the centres of the left eye (points 36-41), the
     * right eye (42-47) and the mouth (48-67); side {@code floor(mean eye-to-mouth distance / 0.45)};
     * corner {@code floor(max(0, centre − (0.5, 0.43) · side))} around the mean of the three centres;
     * width and height {@code min(side, landmarkInput + corner)}, where {@code landmarkInput} is the
     * size of the crop the landmarks were found in (face-api's {@code FaceLandmarks.imageWidth/Height}).
     *
     * @param landmarkInputWidth  width of the crop the landmark net saw (the floored, clipped face box)
     * @param landmarkInputHeight its height
     */
    public static FaceBox descriptorBox(Landmarks landmarks, int landmarkInputWidth, int landmarkInputHeight,
                                        double score) {
        if (landmarks.scheme() != LandmarkScheme.IBUG_68) {
            throw new FaceCensusException(NAME + "'s crop needs 68 iBUG landmarks, got " + landmarks.scheme()
                    + "; use --landmarks landmark68-net (or dlib-68).");
        }
        List<Point> p = landmarks.points();
        double[] left = center(p, 36, 42);
        double[] right = center(p, 42, 48);
        double[] mouth = center(p, 48, 68);
        double eyeToMouth = (magnitude(mouth[0] - left[0], mouth[1] - left[1])
                + magnitude(mouth[0] - right[0], mouth[1] - right[1])) / 2;
        double size = Math.floor(eyeToMouth / 0.45);
        double refX = (0 + left[0] + right[0] + mouth[0]) / 3;
        double refY = (0 + left[1] + right[1] + mouth[1]) / 3;
        double x = Math.floor(Math.max(0, refX - 0.5 * size));
        double y = Math.floor(Math.max(0, refY - 0.43 * size));
        return new FaceBox(x, y, Math.min(size, landmarkInputWidth + x), Math.min(size, landmarkInputHeight + y), score);
    }

    /** face-api's {@code Point.magnitude}: {@code sqrt(x² + y²)} (not hypot, to round as JavaScript does). */
    private static double magnitude(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    private static double[] center(List<Point> p, int from, int to) {
        double sx = 0;
        double sy = 0;
        for (int i = from; i < to; i++) {
            sx += p.get(i).x();
            sy += p.get(i).y();
        }
        return new double[] {sx / (to - from), sy / (to - from)};
    }

    /**
     * The crop face-api feeds this net for a detected face with 68 landmarks (found in the face's
     * box, as face-api's {@code withFaceLandmarks()}): the {@link #descriptorBox}, clipped to the
     * image and floored ({@code extractFaceTensors}), unwarped.
     */
    public static AlignedFace alignedFace(RgbImage image, DetectedFace face) {
        Landmarks lm = face.landmarks().orElseThrow(() -> new FaceCensusException(NAME + " needs the face's 68"
                + " landmarks to crop it as face-api does; run a landmark detector first (--landmarks landmark68-net)."));
        FaceApiCrop input = FaceApiCrop.of(face.box(), image.width(), image.height());
        FaceBox box = descriptorBox(lm, input.width(), input.height(), face.box().score());
        FaceApiCrop c = FaceApiCrop.of(box, image.width(), image.height());
        RgbImage crop = ImageOps.crop(image, c.x(), c.y(), c.width(), c.height(), 0);
        return new AlignedFace(crop, new double[] {1, 0, -c.x(), 0, 1, -c.y()}, face);
    }

    @Override
    public float[] embed(AlignedFace face) {
        return embedAll(List.of(face)).get(0);
    }

    /** The descriptors of all faces, up to {@value #MAX_BATCH} faces per ONNX Runtime call. */
    @Override
    public List<float[]> embedAll(List<AlignedFace> faces) {
        InferenceSession net = session();
        int plane = 3 * SIZE * SIZE;
        int dim = FaceApiRecognition.DIMENSION;
        List<float[]> out = new ArrayList<>(faces.size());
        for (int start = 0; start < faces.size(); start += MAX_BATCH) {
            List<AlignedFace> batch = faces.subList(start, Math.min(faces.size(), start + MAX_BATCH));
            float[] input = new float[batch.size() * plane];
            for (int i = 0; i < batch.size(); i++) {
                RgbImage crop = batch.get(i).crop();
                new FaceApiCrop(0, 0, crop.width(), crop.height()).writeTensor(crop, input, i * plane, SIZE);
            }
            float[] result = net.run(Map.of(FaceApiRecognition.INPUT,
                    new Tensor(input, batch.size(), 3, SIZE, SIZE))).get(FaceApiRecognition.OUTPUT).data();
            for (int i = 0; i < batch.size(); i++) {
                float[] d = new float[dim];
                System.arraycopy(result, i * dim, d, 0, dim);
                out.add(d);
            }
        }
        return out;
    }

    private InferenceSession session() {
        return session.get();
    }

    @Override
    public void close() {
        session.close();
    }
}
