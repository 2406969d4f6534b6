package org.facecensus.census.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.census.stats.ClassifierErrorRates;
import org.facecensus.census.stats.StatsOptions;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * PREVIEW HARNESS, not a census: renders a report to look at. The 150 real poster catalogue records
 * (dates, tags, descriptions) get stand-in faces: real UTKFace photos (posters come without images
 * here), a seeded number per record, classified by the real {@code faceapi-agegender} network, with
 * an error-rate file measured by the same network on 400 other UTKFace photos. The faces have nothing
 * to do with the posters, so the shares mean nothing about them; the layout, the numbers' plumbing
 * and the limitations text are what is being previewed.
 *
 * <p>Run: {@code mvn -pl census -am test -Dtest=CensusPreview -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfacecensus.preview=/tmp/census-preview}. The date reading here is a crude stand-in for the
 * collection package's parser.
 */
@EnabledIfSystemProperty(named = "facecensus.preview", matches = ".+")
class CensusPreview {
    /** Abstain below this probability, so the "no label" path has faces (the classifier never abstains). */
    static final double ABSTAIN_BELOW = 0.6;

    @Test
    void renderPreview() throws Exception {
        Path out = Path.of(System.getProperty("facecensus.preview"));
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        Path records = UtkFaces.sharedData().resolve("poster-notes/records.jsonl");
        List<UtkFaces.Face> photos = new ArrayList<>(UtkFaces.faces("test"));
        Collections.shuffle(photos, new java.util.Random(5));

        long started = System.nanoTime();
        List<ItemRecord> items = new ArrayList<>();
        Set<ModelInfo> models = new LinkedHashSet<>();
        SplittableRandom faceCounts = new SplittableRandom(3);
        int next = 0;
        try (GenderClassifier classifier = FaceCensus.genderClassifier("faceapi-agegender")) {
            for (String line : Files.readAllLines(records, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode r = json.readTree(line);
                String id = r.get("id").asText();
                List<String> tags = new ArrayList<>();
                r.path("tags").forEach(t -> tags.add(t.asText()));
                Map<String, String> extra = new LinkedHashMap<>();
                r.path("extra").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
                ItemMetadata metadata = new ItemMetadata(id, r.path("title").asText(), previewDate(r.path("date").asText()),
                        r.path("designer").asText(), tags, r.path("description").asText(), extra);
                int n = faceCount(faceCounts);
                List<FaceRecord> faces = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    UtkFaces.Face photo = photos.get(next++);
                    RgbImage crop = UtkFaces.crop224(photo);
                    String cropPath = "crops/" + id + "_" + k + ".jpg";
                    UtkFaces.writeCrop(crop, out, cropPath);
                    GenderPrediction p = classify(classifier, crop);
                    models.add(p.model());
                    Gender label = p.probability() < ABSTAIN_BELOW ? Gender.UNKNOWN : p.gender();
                    faces.add(new FaceRecord(id, k, 0, 0, 224, 224, 1, label, p.probability(), cropPath, ""));
                }
                items.add(new ItemRecord(id, r.path("folder").asText() + "/" + id + ".jpg", metadata, faces, "", ""));
            }
            // The error-rate file, measured on photos none of the stand-in faces came from.
            long[][] confusion = new long[2][3];
            for (UtkFaces.Face photo : photos.subList(next, next + 400)) {
                GenderPrediction p = classify(classifier, UtkFaces.crop224(photo));
                int column = p.probability() < ABSTAIN_BELOW ? 2 : p.gender() == Gender.FEMALE ? 0 : 1;
                confusion[photo.gender() == Gender.FEMALE ? 0 : 1][column]++;
            }
            ObjectNode evaluation = json.createObjectNode();
            evaluation.put("classifier", classifier.name());
            ObjectNode c = evaluation.putObject("confusion");
            for (int t = 0; t < 2; t++) {
                c.putObject(t == 0 ? "female" : "male").put("female", confusion[t][0]).put("male", confusion[t][1])
                        .put("unknown", confusion[t][2]);
            }
            evaluation.put("data", "400 UTKFace test photos (preview harness), abstaining below p = " + ABSTAIN_BELOW);
            Files.writeString(out.resolve("evaluation.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(evaluation));
        }
        // Two failures as a real run would record them.
        items.add(new ItemRecord("missing-scan", "", null, List.of(), "no image file for this catalogue row", "NO_IMAGE"));
        items.add(new ItemRecord("torn", "other/torn.jpg", null, List.of(), "Premature end of JPEG file", "TRUNCATED"));
        items.sort(java.util.Comparator.comparing(ItemRecord::itemId));

        ClassifierErrorRates rates = ClassifierErrorRates.read(out.resolve("evaluation.json"));
        StatsOptions options = new StatsOptions(8, rates, 2000, StatsOptions.defaults().seed(),
                FaceCensus.descriptionMiner("default"));
        CensusFigures stats = CensusStatistics.compute(items, options);
        // How long the statistics take at the size of the user's collection (~3,000 items): the
        // same items twenty times over, ids made unique. Printed, not asserted.
        List<ItemRecord> large = new ArrayList<>();
        for (int copy = 0; copy < 20; copy++) {
            for (ItemRecord item : items) {
                large.add(new ItemRecord(item.itemId() + "~" + copy, item.file(), item.metadata(), item.faces(),
                        item.error(), item.problem()));
            }
        }
        long t0 = System.nanoTime();
        CensusFigures largeStats = CensusStatistics.compute(large, new StatsOptions(10, rates, 2000, options.seed(), null));
        System.out.printf("Statistics of %d items (%d tag rows, 2000 bootstrap samples) in %.2f s%n", large.size(),
                largeStats.byTag().rows().size(), (System.nanoTime() - t0) / 1e9);
        CensusStatistics.write(out.resolve("stats.json"), stats);
        double seconds = (System.nanoTime() - started) / 1e9;
        RunInfo run = new RunInfo("poster-notes (preview: UTKFace stand-in faces)", records.toString(), "none (stand-in crops)",
                "none (UTKFace crops)", "faceapi-agegender", out.resolve("evaluation.json").toString(),
                List.copyOf(models), 1, items.size(), seconds);
        Path report = HtmlReport.write(out, stats, items, run);
        assertTrue(Files.size(report) > 10_000);
        System.out.println("Preview report: " + report + " (" + Files.size(report) + " bytes); stats " + out.resolve("stats.json"));
    }

    private static GenderPrediction classify(GenderClassifier classifier, RgbImage crop) {
        return classifier.classify(AlignedFace.ofCrop(crop));
    }

    /** 0 faces 25 %, 1 35 %, 2 20 %, 3 10 %, 4–8 10 %. */
    private static int faceCount(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.25) {
            return 0;
        } else if (u < 0.60) {
            return 1;
        } else if (u < 0.80) {
            return 2;
        } else if (u < 0.90) {
            return 3;
        }
        return 4 + random.nextInt(5);
    }

    private static final Pattern DECADE = Pattern.compile("\\b(1[5-9]\\d0|20[0-2]0)s\\b");
    private static final Pattern RANGE = Pattern.compile("\\b(1[5-9]\\d\\d|20[0-2]\\d)\\s*[-–]\\s*(\\d{4})\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(1[5-9]\\d\\d|20[0-2]\\d)\\b");

    /** Crude: "1970s", "mid 1960s" → the decade; "1965-1970" → the range; else the first year. */
    static CatalogDate previewDate(String raw) {
        Matcher m = DECADE.matcher(raw);
        if (m.find()) {
            int from = Integer.parseInt(m.group(1));
            return new CatalogDate(raw, from, from + 9);
        }
        m = RANGE.matcher(raw);
        if (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(2));
            return from <= to ? new CatalogDate(raw, from, to) : CatalogDate.unparsed(raw);
        }
        m = YEAR.matcher(raw);
        if (m.find()) {
            int year = Integer.parseInt(m.group(1));
            return new CatalogDate(raw, year, year);
        }
        return CatalogDate.unparsed(raw);
    }
}
