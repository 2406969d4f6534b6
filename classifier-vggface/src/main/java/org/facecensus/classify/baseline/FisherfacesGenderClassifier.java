package org.facecensus.classify.baseline;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_face.FisherFaceRecognizer;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.data.DataProblem;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.transfer.head.Calibration;
import org.facecensus.io.AtomicFiles;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.io.Sha256;

/**
 * {@code fisherfaces}: a classical gender baseline. OpenCV's {@code FisherFaceRecognizer}
 * (opencv_face, Belhumeur et al. 1997: PCA then LDA) is trained on grey, aligned faces labelled
 * male/female; with two classes LDA leaves one direction, and a face's position along it is the
 * score. OpenCV itself labels a face by its nearest training face on that line, which gives no
 * probability; this classifier instead maps the score through a Platt sigmoid fitted on faces held
 * out of the Fisherfaces fit ({@link FisherfacesSettings#validationFraction()}), and labels the face
 * with the likelier gender. OpenCV's nearest-neighbour verdict stays available as {@link
 * #nearestNeighbour}.
 *
 * <p><b>Files.</b> {@link #save} writes OpenCV's own model file and, beside it, a JSON sidecar
 * ({@code <file>.json}) with the preparation settings, the calibration, the training data's sha256
 * and counts, and the model file's sha256, which {@link #load} checks.
 *
 * <p><b>Input.</b> Any aligned crop with the aspect ratio of the training crops (±5 %): it is
 * converted to grey, cut to its central {@link FisherfacesSettings#centreCrop()} and resized. The
 * settings are tuned for UTKFace's 200×200 chips; faces aligned differently (another aligner) shift
 * the pixels Fisherfaces compares and cost accuracy.
 *
 * <p>Thread-safety: thread-safe. OpenCV's recognizer object is not, so {@link #classify} never
 * touches it: the projection (mean and LDA direction) is copied out of it into immutable Java
 * arrays after training or loading, and each call prepares its face in its own native matrices.
 * The recognizer itself is used only under a lock ({@link #nearestNeighbour}, {@link #close}).
 * {@link #close()} is idempotent.
 */
public final class FisherfacesGenderClassifier implements GenderClassifier {
    /** The classifier's name. */
    public static final String NAME = "fisherfaces";
    /** The OpenCV release whose FisherFaceRecognizer trains and reads the model files. */
    public static final String OPENCV_VERSION = "4.13.0";
    static final String FORMAT = "facecensus-fisherfaces/1";
    /** Fewer held-out faces than this per gender would make the calibration a guess. */
    static final int MIN_FACES_PER_GENDER = 5;
    static final int MALE_LABEL = 0;
    static final int FEMALE_LABEL = 1;
    private static final double ASPECT_TOLERANCE = 0.05;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * OpenCV's own verdict: the gender of the nearest training face on the LDA line, and its distance.
     *
     * <p>Thread-safety: immutable.
     */
    public record Neighbour(Gender gender, double distance) {
    }

    private final FisherfacesSettings settings;
    private final int cropWidth;
    private final int cropHeight;
    private final double[] mean;
    private final double[] direction;
    private final Calibration.Platt platt;
    private final List<DataProblem> skipped;
    private final byte[] modelBytes;
    private final ObjectNode sidecar;
    private final ModelInfo info;
    private final Object lock = new Object();
    private FisherFaceRecognizer recognizer;
    private volatile boolean closed;

    FisherfacesGenderClassifier(FisherFaceRecognizer recognizer, byte[] modelBytes, ObjectNode sidecar,
            List<DataProblem> skipped) {
        this.recognizer = recognizer;
        this.skipped = List.copyOf(skipped);
        this.modelBytes = modelBytes;
        this.sidecar = sidecar;
        JsonNode s = sidecar.path("settings");
        this.settings = new FisherfacesSettings(s.path("size").asInt(), s.path("equalize").asBoolean(),
                s.path("centreCrop").asDouble(), s.path("validationFraction").asDouble(), s.path("seed").asLong());
        this.cropWidth = sidecar.path("crop").path("width").asInt();
        this.cropHeight = sidecar.path("crop").path("height").asInt();
        // The sidecar keeps Platt's own sign convention, P(female) = 1 / (1 + exp(A·s + B)), so that files
        // written before the calibration was shared with the transfer heads load unchanged; negation is exact.
        this.platt = new Calibration.Platt(-sidecar.path("calibration").path("a").asDouble(),
                -sidecar.path("calibration").path("b").asDouble());
        int d = settings.size() * settings.size();
        this.mean = doubles(recognizer.getMean());
        this.direction = doubles(recognizer.getEigenVectors());
        if (mean.length != d || direction.length != d) {
            throw new FaceCensusException("The Fisherfaces model has " + direction.length + " pixels per face and a "
                    + mean.length + "-pixel mean, but its sidecar says " + settings.size() + "x" + settings.size()
                    + "; the model file and its .json sidecar do not belong together: retrain or restore both.");
        }
        JsonNode training = sidecar.path("training");
        this.info = new ModelInfo("fisherfaces-gender", FORMAT + " opencv " + OPENCV_VERSION,
                "trained by FaceCensus on " + training.path("data").asText() + " (training data sha256 "
                        + training.path("dataSha256").asText() + ")",
                sidecar.path("modelFile").path("sha256").asText(), training.path("licence").asText());
    }

    /**
     * Trains Fisherfaces on {@code faces}: a stratified {@link FisherfacesSettings#validationFraction()}
     * of each gender is held out to fit the probability calibration, the rest fits the projection.
     * Each file is read as an already aligned crop (as UTKFace's chips are); a file that cannot be read
     * is skipped and listed in {@link #skippedWhileTraining()}, and their number is recorded in the sidecar.
     *
     * @param faces       labelled images of aligned crops, all of one size (e.g. {@link
     *                    org.facecensus.classify.data.LabelledDataset#split})
     * @param dataDescription what the faces are, recorded in the provenance (e.g. "UTKFace train split")
     * @param dataLicence the terms of the training data, which bind the trained model
     * @throws FaceCensusException when there are no faces, too few of one gender, an UNKNOWN label, or
     *                             crops of different sizes
     */
    public static FisherfacesGenderClassifier train(List<LabelledFace> faces, FisherfacesSettings settings,
            String dataDescription, String dataLicence) {
        return FisherfacesTraining.train(faces, settings, dataDescription, dataLicence);
    }

    /** The training files that could not be read and were left out (empty for a loaded model). */
    public List<DataProblem> skippedWhileTraining() {
        return skipped;
    }

    /**
     * Loads a model written by {@link #save}: OpenCV's file and its {@code .json} sidecar.
     *
     * @throws ModelIntegrityException when the model file's sha256 is not the one its sidecar recorded
     * @throws FaceCensusException     when either file is missing or unreadable
     */
    public static FisherfacesGenderClassifier load(Path modelFile) {
        FisherfacesNatives.require();
        Path sidecarFile = sidecarOf(modelFile);
        if (!Files.isRegularFile(modelFile)) {
            throw new FaceCensusException("No Fisherfaces model at " + modelFile + "; train one first (see"
                    + " FisherfacesGenderClassifier.train) or check the path.");
        }
        if (!Files.isRegularFile(sidecarFile)) {
            throw new FaceCensusException("The Fisherfaces model " + modelFile + " has no sidecar " + sidecarFile
                    + "; it holds the face preparation and calibration, so copy it along with the model or retrain.");
        }
        ObjectNode sidecar;
        byte[] bytes;
        try {
            sidecar = (ObjectNode) JSON.readTree(sidecarFile.toFile());
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException | ClassCastException e) {
            throw new FaceCensusException("Could not read the Fisherfaces model " + modelFile + " or its sidecar: "
                    + e.getMessage() + "; retrain the model.", e);
        }
        if (!FORMAT.equals(sidecar.path("format").asText())) {
            throw new FaceCensusException(sidecarFile + " is not a " + FORMAT + " sidecar (format '"
                    + sidecar.path("format").asText() + "'); point to a model written by FisherfacesGenderClassifier.save.");
        }
        String expected = sidecar.path("modelFile").path("sha256").asText();
        String actual = Sha256.hex(bytes);
        if (!actual.equals(expected)) {
            throw new ModelIntegrityException("Fisherfaces model " + modelFile + " has sha256 " + actual
                    + " but its sidecar recorded " + expected + "; the file was changed or swapped: restore it or retrain.");
        }
        return new FisherfacesGenderClassifier(readFromBytes(bytes), bytes, sidecar, List.of());
    }

    /** Where {@link #save} puts the sidecar of {@code modelFile}: the same name plus {@code .json}. */
    public static Path sidecarOf(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".json");
    }

    /**
     * Writes OpenCV's model file (YAML; name it {@code *.yml}) and its {@code .json} sidecar.
     *
     * @return the sidecar's path
     */
    public Path save(Path modelFile) {
        Path sidecarFile = sidecarOf(modelFile);
        try {
            AtomicFiles.writeBytes(modelFile, modelBytes);
            AtomicFiles.writeBytes(sidecarFile, JSON.writeValueAsBytes(sidecar));
        } catch (IOException e) {
            throw new FaceCensusException("Could not write the Fisherfaces model to " + modelFile + ": "
                    + e.getMessage() + "; check that the folder is writable.", e);
        }
        return sidecarFile;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Provenance: the trained model file's sha256, the training data and its licence. */
    @Override
    public List<ModelInfo> models() {
        return List.of(info);
    }

    /** The sidecar's content: settings, calibration, training counts and hashes, validation accuracy. */
    public ObjectNode provenance() {
        return sidecar.deepCopy();
    }

    public FisherfacesSettings settings() {
        return settings;
    }

    @Override
    public GenderPrediction classify(AlignedFace face) {
        double female = femaleProbability(face);
        boolean isFemale = female >= 0.5;
        return new GenderPrediction(isFemale ? Gender.FEMALE : Gender.MALE, isFemale ? female : 1 - female, info);
    }

    /** The calibrated probability that the face is annotated female. */
    public double femaleProbability(AlignedFace face) {
        return platt.probability(projection(face));
    }

    /** The face's coordinate on the LDA line: {@code (x - mean) · w}, as OpenCV's {@code subspaceProject}. */
    public double projection(AlignedFace face) {
        ensureOpen();
        checkShape(face.crop());
        double[] x = GreyFace.pixels(face.crop(), settings);
        double z = 0;
        for (int i = 0; i < x.length; i++) {
            z += (x[i] - mean[i]) * direction[i];
        }
        return z;
    }

    /** OpenCV's own prediction: the nearest training face's gender and its distance on the LDA line. */
    public Neighbour nearestNeighbour(AlignedFace face) {
        checkShape(face.crop());
        int[] label = new int[1];
        double[] distance = new double[1];
        try (Mat grey = GreyFace.prepare(face.crop(), settings)) {
            synchronized (lock) {
                ensureOpen();
                recognizer.predict(grey, label, distance);
            }
        }
        return new Neighbour(label[0] == FEMALE_LABEL ? Gender.FEMALE : Gender.MALE, distance[0]);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (recognizer != null) {
                recognizer.close();
                recognizer = null;
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new FaceCensusException("This Fisherfaces classifier is closed; load the model again.");
        }
    }

    private void checkShape(RgbImage crop) {
        double trained = (double) cropWidth / cropHeight;
        double actual = (double) crop.width() / crop.height();
        if (Math.abs(actual - trained) > ASPECT_TOLERANCE * trained) {
            throw new FaceCensusException(String.format(java.util.Locale.ROOT,
                    "Fisherfaces was trained on %dx%d crops but this face is %dx%d (aspect %.2f instead of %.2f);"
                            + " feed it faces aligned to the training crop's shape.",
                    cropWidth, cropHeight, crop.width(), crop.height(), actual, trained));
        }
    }

    static byte[] writeToBytes(FisherFaceRecognizer trained) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("facecensus-fisherfaces-", ".yml");
            trained.write(tmp.toString());
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new FaceCensusException("Could not write the trained Fisherfaces model to a temporary file: "
                    + e.getMessage() + "; check java.io.tmpdir.", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    static FisherFaceRecognizer readFromBytes(byte[] bytes) {
        SingleThreadedBlas.ensure();
        Path tmp = null;
        FisherFaceRecognizer r = FisherFaceRecognizer.create();
        try {
            tmp = Files.createTempFile("facecensus-fisherfaces-", ".yml");
            Files.write(tmp, bytes);
            r.read(tmp.toString());
        } catch (IOException | RuntimeException e) {
            r.close();
            throw new FaceCensusException("OpenCV could not read the Fisherfaces model: " + e.getMessage()
                    + "; the file is not an OpenCV " + OPENCV_VERSION + " FaceRecognizer model: retrain it.", e);
        } finally {
            deleteQuietly(tmp);
        }
        if (r.empty()) {
            r.close();
            throw new FaceCensusException("The Fisherfaces model file holds no trained model; retrain it.");
        }
        return r;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }

    private static double[] doubles(Mat m) {
        try (Mat d = new Mat()) {
            m.convertTo(d, opencv_core.CV_64F);
            double[] out = new double[(int) d.total()];
            DoubleBuffer b = d.createBuffer();
            b.get(out);
            return out;
        } finally {
            m.close();
        }
    }
}
