package org.facecensus.classify.baseline;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_face.FisherFaceRecognizer;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.data.DataProblem;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.transfer.head.Calibration;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.io.Sha256;

import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.FORMAT;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.NAME;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.OPENCV_VERSION;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.MIN_FACES_PER_GENDER;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.JSON;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.FEMALE_LABEL;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.MALE_LABEL;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.writeToBytes;
import static org.facecensus.classify.baseline.FisherfacesGenderClassifier.readFromBytes;

/**
 * Training of {@link FisherfacesGenderClassifier}: reading the faces, the stratified split into the faces
 * that fit the projection and those held out for the calibration, OpenCV's fit, the Platt fit on the held-out
 * projections, and the sidecar that records all of it. Kept apart from the classifier, which only loads,
 * saves and applies a model.
 *
 * <p>Thread-safety: stateless; each {@link #train} call works on its own native objects.
 */
final class FisherfacesTraining {
    private FisherfacesTraining() {
    }

    /**
     * Trains Fisherfaces on {@code faces}: a stratified {@link FisherfacesSettings#validationFraction()}
     * of each gender is held out to fit the probability calibration, the rest fits the projection.
     * Each file is read as an already aligned crop (as UTKFace's chips are); a file that cannot be read
     * is skipped and listed in {@link FisherfacesGenderClassifier#skippedWhileTraining()}, and their number is recorded in the sidecar.
     *
     * @param faces       labelled images of aligned crops, all of one size (e.g. {@link
     *                    org.facecensus.classify.data.LabelledDataset#split})
     * @param dataDescription what the faces are, recorded in the provenance (e.g. "UTKFace train split")
     * @param dataLicence the terms of the training data, which bind the trained model
     * @throws FaceCensusException when there are no faces, too few of one gender, an UNKNOWN label, or
     *                             crops of different sizes
     */
    static FisherfacesGenderClassifier train(List<LabelledFace> faces, FisherfacesSettings settings,
            String dataDescription, String dataLicence) {
        FisherfacesNatives.require();
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(dataDescription, "dataDescription");
        Objects.requireNonNull(dataLicence, "dataLicence");
        long started = System.nanoTime();
        if (faces == null || faces.isEmpty()) {
            throw new FaceCensusException("Fisherfaces needs labelled training faces and got none; pass aligned faces"
                    + " with their annotated gender (e.g. UTKFace's train split).");
        }
        List<DataProblem> skipped = new ArrayList<>();
        List<LabelledFace> readable = new ArrayList<>();
        List<RgbImage> crops = new ArrayList<>();
        ImageLoader loader = ImageLoader.defaults();
        for (LabelledFace f : faces) {
            try {
                crops.add(loader.load(f.file()));
                readable.add(f);
            } catch (FaceCensusException e) {
                skipped.add(new DataProblem(f.origin(), f.file().toString(), e.getMessage()));
            }
        }
        return train(readable, crops, skipped, settings, dataDescription, dataLicence, started);
    }

    private static FisherfacesGenderClassifier train(List<LabelledFace> faces, List<RgbImage> crops,
            List<DataProblem> skipped, FisherfacesSettings settings, String dataDescription, String dataLicence,
            long started) {
        checkTrainingSet(faces, crops, settings);
        SingleThreadedBlas.ensure();
        RgbImage first = crops.get(0);
        List<Integer> fit = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        split(faces, settings, fit, held);

        byte[] modelBytes;
        try (MatVector images = new MatVector(fit.size());
                Mat labels = new Mat(fit.size(), 1, opencv_core.CV_32SC1);
                FisherFaceRecognizer trainer = FisherFaceRecognizer.create()) {
            java.nio.IntBuffer labelBuffer = labels.createBuffer();
            for (int i = 0; i < fit.size(); i++) {
                LabelledFace f = faces.get(fit.get(i));
                images.put(i, GreyFace.prepare(crops.get(fit.get(i)), settings));
                labelBuffer.put(i, f.gender() == Gender.FEMALE ? FEMALE_LABEL : MALE_LABEL);
            }
            try {
                trainer.train(images, labels);
            } catch (RuntimeException e) {
                throw new FaceCensusException("OpenCV could not train Fisherfaces on " + fit.size() + " faces: "
                        + e.getMessage() + "; check that the faces are real, varied crops.", e);
            } finally {
                for (int i = 0; i < fit.size(); i++) {
                    images.get(i).close();
                }
            }
            modelBytes = writeToBytes(trainer);
        }
        // Read the written file back so that a freshly trained model and one loaded from disk
        // project with the very same (text-parsed) numbers.
        FisherFaceRecognizer recognizer = readFromBytes(modelBytes);

        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", FORMAT);
        sidecar.put("classifier", NAME);
        sidecar.put("opencv", OPENCV_VERSION);
        ObjectNode s = sidecar.putObject("settings");
        s.put("size", settings.size());
        s.put("equalize", settings.equalize());
        s.put("centreCrop", settings.centreCrop());
        s.put("validationFraction", settings.validationFraction());
        s.put("seed", settings.seed());
        ObjectNode crop = sidecar.putObject("crop");
        crop.put("width", first.width());
        crop.put("height", first.height());
        ObjectNode calibration = sidecar.putObject("calibration");
        calibration.put("method", "Platt sigmoid on the LDA projection, P(female)");
        calibration.put("a", 0.0);
        calibration.put("b", 0.0);
        ObjectNode modelFile = sidecar.putObject("modelFile");
        modelFile.put("sha256", Sha256.hex(modelBytes));
        modelFile.put("bytes", modelBytes.length);
        ObjectNode training = sidecar.putObject("training");
        training.put("data", dataDescription);
        training.put("licence", dataLicence);
        training.put("dataSha256", dataSha256(faces, crops));
        training.put("faces", faces.size());
        training.put("skipped", skipped.size());
        training.put("female", count(faces, null, Gender.FEMALE));
        training.put("male", count(faces, null, Gender.MALE));
        training.putObject("fit").put("female", count(faces, fit, Gender.FEMALE)).put("male", count(faces, fit, Gender.MALE));
        training.putObject("validation").put("female", count(faces, held, Gender.FEMALE))
                .put("male", count(faces, held, Gender.MALE));

        FisherfacesGenderClassifier uncalibrated = new FisherfacesGenderClassifier(recognizer, modelBytes, sidecar,
                skipped);
        double[] scores = new double[held.size()];
        int[] female = new int[held.size()];
        int nearestCorrect = 0;
        for (int i = 0; i < held.size(); i++) {
            LabelledFace f = faces.get(held.get(i));
            AlignedFace face = AlignedFace.ofCrop(crops.get(held.get(i)));
            scores[i] = uncalibrated.projection(face);
            female[i] = f.gender() == Gender.FEMALE ? 1 : 0;
            nearestCorrect += uncalibrated.nearestNeighbour(face).gender() == f.gender() ? 1 : 0;
        }
        Calibration.Platt fitted = Calibration.Platt.fitScores(scores, female);
        int calibratedCorrect = 0;
        for (int i = 0; i < held.size(); i++) {
            calibratedCorrect += (fitted.probability(scores[i]) >= 0.5) == (female[i] == 1) ? 1 : 0;
        }
        // Platt's sign convention in the file (see the constructor).
        calibration.put("a", -fitted.a());
        calibration.put("b", -fitted.b());
        ObjectNode validation = (ObjectNode) training.get("validation");
        validation.put("accuracy", (double) calibratedCorrect / held.size());
        validation.put("nearestNeighbourAccuracy", (double) nearestCorrect / held.size());
        training.put("seconds", (System.nanoTime() - started) / 1e9);
        // The calibrated classifier shares the recognizer; the uncalibrated view is dropped, not closed.
        return new FisherfacesGenderClassifier(recognizer, modelBytes, sidecar, skipped);
    }

    private static void checkTrainingSet(List<LabelledFace> faces, List<RgbImage> crops, FisherfacesSettings settings) {
        if (faces.isEmpty()) {
            throw new FaceCensusException("None of the Fisherfaces training images could be read; check the paths"
                    + " in the labels.");
        }
        RgbImage first = crops.get(0);
        for (int i = 0; i < faces.size(); i++) {
            RgbImage crop = crops.get(i);
            if (crop.width() != first.width() || crop.height() != first.height()) {
                throw new FaceCensusException("Training face #" + i + " (" + faces.get(i).origin() + ", "
                        + faces.get(i).file().getFileName() + ") is " + crop.width() + "x" + crop.height()
                        + " but face #0 is " + first.width() + "x" + first.height() + "; Fisherfaces compares"
                        + " pixels, so align every training face to one crop size first.");
            }
        }
        int female = count(faces, null, Gender.FEMALE);
        int male = count(faces, null, Gender.MALE);
        int needed = (int) Math.ceil(MIN_FACES_PER_GENDER / settings.validationFraction());
        if (female < needed || male < needed) {
            throw new FaceCensusException("Fisherfaces separates two genders and needs at least " + needed
                    + " training faces of each (so that " + MIN_FACES_PER_GENDER + " of each can be held out for"
                    + " calibration); got " + female + " female and " + male + " male. Add faces of the missing gender.");
        }
    }

    /** A stratified split: the first {@code validationFraction} of each gender, shuffled by the seed, is held out. */
    private static void split(List<LabelledFace> faces, FisherfacesSettings settings, List<Integer> fit,
            List<Integer> held) {
        Random random = new Random(settings.seed());
        for (Gender g : List.of(Gender.FEMALE, Gender.MALE)) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) {
                if (faces.get(i).gender() == g) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, random);
            int nHeld = (int) Math.ceil(idx.size() * settings.validationFraction());
            held.addAll(idx.subList(0, nHeld));
            fit.addAll(idx.subList(nHeld, idx.size()));
        }
        Collections.sort(fit);
        Collections.sort(held);
    }

    private static int count(List<LabelledFace> faces, List<Integer> subset, Gender g) {
        int n = 0;
        if (subset == null) {
            for (LabelledFace f : faces) {
                n += f.gender() == g ? 1 : 0;
            }
        } else {
            for (int i : subset) {
                n += faces.get(i).gender() == g ? 1 : 0;
            }
        }
        return n;
    }

    /** sha256 over every face's label, size and pixels, in the given order. */
    static String dataSha256(List<LabelledFace> faces, List<RgbImage> crops) {
        MessageDigest md = Sha256.newDigest();
        for (int i = 0; i < faces.size(); i++) {
            LabelledFace f = faces.get(i);
            RgbImage c = crops.get(i);
            md.update((byte) f.gender().ordinal());
            md.update(java.nio.ByteBuffer.allocate(8).putInt(c.width()).putInt(c.height()).array());
            md.update(c.pixels());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
