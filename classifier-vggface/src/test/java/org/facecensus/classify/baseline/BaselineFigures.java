package org.facecensus.classify.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.ensemble.EnsembleEvaluation;
import org.facecensus.classify.eval.GenderEvaluation;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.detect.Landmarks;
import org.facecensus.classify.faceapi.FaceApiAgeGenderClassifier;
import org.facecensus.model.ModelInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Measures the acceptance figures of the gender baselines on UTKFace (train on split=train, report
 * on split=test) and writes them to {@code OUT/figures.json} plus one evaluation file per classifier
 * in the census' format. Not a unit test: run it by hand (see the module README) because training
 * on the full train split and the face-api passes take minutes on two cores.
 *
 * <p>Modes: {@code grid} tunes the Fisherfaces preparation on the validation split of train;
 * {@code figures} measures everything with {@link FisherfacesSettings#DEFAULT}.
 */
public final class BaselineFigures {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double[] THRESHOLDS = {0.6, 0.8, 0.9};

    private BaselineFigures() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "figures";
        Path out = Path.of(args.length > 1 ? args[1] : "/tmp/baselines");
        Files.createDirectories(out);
        if (mode.equals("grid")) {
            grid(out, args);
        } else {
            figures(out);
        }
    }

    /** Validation accuracy (on the held-out part of train) for each preparation in the grid. */
    private static void grid(Path out, String[] args) throws IOException {
        List<LabelledFace> train = UtkFaces.labelled("train", 1);
        ArrayNode rows = JSON.createArrayNode();
        for (int i = 2; i < args.length; i++) {
            String[] spec = args[i].split("/");
            FisherfacesSettings s = FisherfacesSettings.DEFAULT.withSize(Integer.parseInt(spec[0]))
                    .withEqualize(Boolean.parseBoolean(spec[1])).withCentreCrop(Double.parseDouble(spec[2]));
            try (FisherfacesGenderClassifier c = FisherfacesGenderClassifier.train(train, s, "UTKFace train split",
                    UtkFaces.LICENCE)) {
                ObjectNode row = rows.addObject();
                row.put("size", s.size()).put("equalize", s.equalize()).put("centreCrop", s.centreCrop());
                row.set("validation", c.provenance().path("training").path("validation"));
                row.put("seconds", c.provenance().path("training").path("seconds").asDouble());
                System.out.println(row);
            }
        }
        Files.writeString(out.resolve("grid-" + System.currentTimeMillis() + ".json"), JSON.writeValueAsString(rows));
    }

    private static void figures(Path out) throws IOException {
        List<UtkFaces.Face> test = UtkFaces.load("test", 1);
        List<LabelledFace> truth = UtkFaces.labelled(test);
        ObjectNode figures = JSON.createObjectNode();
        figures.put("data", "UTKFace (shared data utkface/), train on split=train, report on split=test ("
                + test.size() + " faces)");

        // Fisherfaces: trained on the full train split.
        List<LabelledFace> train = UtkFaces.labelled("train", 1);
        List<GenderPrediction> fisher = new ArrayList<>();
        try (FisherfacesGenderClassifier c = FisherfacesGenderClassifier.train(train, FisherfacesSettings.DEFAULT,
                "UTKFace train split (" + train.size() + " faces)", UtkFaces.LICENCE)) {
            c.save(out.resolve("fisherfaces-utkface.yml"));
            for (UtkFaces.Face f : test) {
                fisher.add(c.classify(f.aligned()));
            }
            ObjectNode entry = report(figures, "fisherfaces", test, fisher, c.models(), out);
            entry.set("training", c.provenance().path("training"));
            entry.set("settings", c.provenance().path("settings"));
        }

        // face-api, both ways; predictions cached because the landmark pass is the slow part.
        List<GenderPrediction> direct;
        List<GenderPrediction> own;
        List<ModelInfo> faceApiModels;
        try (FaceApiAgeGenderClassifier faceApi = (FaceApiAgeGenderClassifier) FaceCensus.genderClassifier(
                FaceApiAgeGenderClassifier.NAME); LandmarkDetector landmarks = FaceCensus.landmarkDetector("landmark68-net")) {
            faceApiModels = new ArrayList<>(faceApi.models());
            direct = cached(out.resolve("faceapi-direct.csv"), test, faceApi.models().get(0),
                    () -> faceApi.classifyAll(test.stream().map(UtkFaces.Face::aligned).toList()));
            own = cached(out.resolve("faceapi-own.csv"), test, faceApi.models().get(0), () -> {
                List<AlignedFace> crops = new ArrayList<>();
                for (UtkFaces.Face f : test) {
                    DetectedFace whole = f.wholeChip();
                    Landmarks lm = landmarks.locate(f.image(), whole.box());
                    crops.add(faceApi.ownCrop(f.image(), new DetectedFace(whole.box(), lm)).orElseThrow());
                }
                return faceApi.classifyAll(crops);
            });
            faceApiModels.addAll(landmarks.models());
        }
        report(figures, "faceapi-agegender-direct", test, direct, faceApiModels.subList(0, 1), out)
                .put("input", "the 200x200 UTKFace chip fed whole (padded to square, resized to 112)");
        report(figures, "faceapi-agegender-owncrop", test, own, faceApiModels, out)
                .put("input", "landmark68-net on the chip (box = whole chip), then face-api's own aligned-box crop");

        ObjectNode ensembles = figures.putObject("ensembles");
        ensembles.set("faceapi-direct+fisherfaces", EnsembleEvaluation.toJson(EnsembleEvaluation.sweep(
                "faceapi-agegender (direct)", "fisherfaces", truth, direct, fisher, THRESHOLDS)));
        ensembles.set("faceapi-owncrop+fisherfaces", EnsembleEvaluation.toJson(EnsembleEvaluation.sweep(
                "faceapi-agegender (own crop)", "fisherfaces", truth, own, fisher, THRESHOLDS)));
        for (var e : EnsembleEvaluation.sweep("faceapi(direct)", "fisherfaces", truth, direct, fisher, THRESHOLDS)) {
            print(e);
        }
        for (var e : EnsembleEvaluation.sweep("faceapi(own)", "fisherfaces", truth, own, fisher, THRESHOLDS)) {
            print(e);
        }
        Files.writeString(out.resolve("figures.json"), JSON.writeValueAsString(figures));
        System.out.println("wrote " + out.resolve("figures.json"));
    }

    private static void print(EnsembleEvaluation e) {
        System.out.printf(Locale.ROOT, "%s + %s @%.1f: first kept %s acc %s | second kept %s acc %s | both kept %s acc %s%n",
                e.first(), e.second(), e.threshold(), GenderEvaluation.format(e.firstAlone().keptFraction()),
                GenderEvaluation.format(e.firstAlone().accuracy()), GenderEvaluation.format(e.secondAlone().keptFraction()),
                GenderEvaluation.format(e.secondAlone().accuracy()), GenderEvaluation.format(e.bothAgree().keptFraction()),
                GenderEvaluation.format(e.bothAgree().accuracy()));
    }

    /** Every figure of {@link GenderEvaluation} (per race, per age band); also writes OUT/NAME-evaluation.json for the census. */
    private static ObjectNode report(ObjectNode figures, String name, List<UtkFaces.Face> test,
            List<GenderPrediction> predictions, List<ModelInfo> models, Path out) throws IOException {
        List<GenderEvaluation.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            GenderPrediction p = predictions.get(i);
            double female = p.gender() == Gender.FEMALE ? p.probability()
                    : p.gender() == Gender.MALE ? 1 - p.probability() : Double.NaN;
            verdicts.add(new GenderEvaluation.Verdict(test.get(i).labelled(), p.gender(), female));
        }
        ObjectNode entry = GenderEvaluation.evaluate(name, verdicts, List.of("race", "age"));
        figures.set(name, entry);
        System.out.println(name);
        System.out.print(GenderEvaluation.format(entry));
        ArrayNode m = entry.putArray("models");
        for (ModelInfo info : models) {
            m.addObject().put("name", info.name()).put("version", info.version()).put("source", info.source())
                    .put("sha256", info.sha256()).put("licence", info.licence());
        }
        entry.put("data", "UTKFace test split, " + test.size() + " faces (shared data utkface/labels.csv)");
        Files.writeString(out.resolve(name + "-evaluation.json"), JSON.writeValueAsString(entry));
        return entry;
    }

    private interface Predict {
        List<GenderPrediction> run();
    }

    /** Predictions from {@code cache} (file,gender,probability) when it covers these faces, else computed and stored. */
    private static List<GenderPrediction> cached(Path cache, List<UtkFaces.Face> faces, ModelInfo model, Predict predict)
            throws IOException {
        if (Files.isRegularFile(cache)) {
            Map<String, GenderPrediction> byFile = new HashMap<>();
            for (String line : Files.readAllLines(cache)) {
                String[] f = line.split(",");
                byFile.put(f[0], new GenderPrediction(Gender.valueOf(f[1]), Double.parseDouble(f[2]), model));
            }
            if (faces.stream().allMatch(f -> byFile.containsKey(f.file()))) {
                return faces.stream().map(f -> byFile.get(f.file())).toList();
            }
        }
        List<GenderPrediction> p = predict.run();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < faces.size(); i++) {
            sb.append(faces.get(i).file()).append(',').append(p.get(i).gender()).append(',')
                    .append(p.get(i).probability()).append('\n');
        }
        Files.writeString(cache, sb);
        return p;
    }
}
