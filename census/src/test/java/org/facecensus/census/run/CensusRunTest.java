package org.facecensus.census.run;

import org.facecensus.FaceCensus;
import org.facecensus.census.Census;
import org.facecensus.classify.spec.GenderClassifierSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.SharedPhotos;
import org.facecensus.classify.baseline.FisherfacesGenderClassifier;
import org.facecensus.classify.baseline.FisherfacesSettings;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CensusRunTest {
    @TempDir
    Path dir;

    private static Map<String, Map<String, String>> readCsv(Path file, String key) throws IOException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows.put(row.get(key) + (row.containsKey("face_index") ? "#" + row.get("face_index") : ""), row);
            }
        }
        return rows;
    }

    @Test
    void badItemsAndBrokenCatalogueRowsAreListedWithTheirErrorsAndTheRunCompletes() throws Exception {
        Path collection = TestCollection.photos(dir.resolve("photos"), 4, 1);
        TestCollection.addBadItems(collection);
        Path catalogue = TestCollection.catalogue(dir.resolve("catalogue.csv"));
        Path out = dir.resolve("out");
        List<ItemRecord> summarised = new ArrayList<>();
        Census census = Census.of(collection).catalogue(catalogue).out(out).threads(2)
                .analyzer(Census.defaultAnalyzer(FaceCensus.defaults()).detector("blazeface"));

        CensusResult result = census.summariser((o, items, run) -> summarised.addAll(items)).run();

        assertEquals(8, result.images(), "5 photos + 3 bad files; readme.txt skipped");
        assertEquals(Map.of(".txt (not an image)", 1), result.run().skippedFiles(), "readme.txt is counted");
        assertEquals(3, result.failedImages());
        assertEquals(1, result.metadataWithoutImage());
        assertEquals(2, result.metadataRowErrors());
        Map<String, Map<String, String>> items = readCsv(out.resolve("items.csv"), "item_id");
        assertEquals(List.of("2007_007763", "2008_001009", "dogs", "empty", "metadata-line-6", "metadata-line-7",
                "never-photographed", "notes", "pic00068", "truncated", "voc-1322"), List.copyOf(items.keySet()));
        assertEquals("EMPTY_FILE", items.get("empty").get("problem"));
        assertEquals("TRUNCATED", items.get("truncated").get("problem"));
        assertEquals("NOT_AN_IMAGE", items.get("notes").get("problem"));
        assertTrue(items.get("notes").get("error").startsWith("notes.jpg: "), items.get("notes").get("error"));
        assertEquals(CensusRun.NO_IMAGE, items.get("never-photographed").get("problem"));
        assertEquals("1950s-1960s", items.get("never-photographed").get("date"));
        assertEquals("1950", items.get("never-photographed").get("year_from"));
        assertEquals(CensusRun.BAD_METADATA_ROW, items.get("metadata-line-6").get("problem"));
        assertTrue(items.get("metadata-line-6").get("error").contains("4 columns where the header has 6"));
        Map<String, String> group = items.get("voc-1322");
        assertEquals("2008_001322.jpg", group.get("file"));
        assertEquals("Three people in a PASCAL VOC photo", group.get("title"));
        assertEquals("group;outdoor", group.get("tags"));
        assertEquals("unknown", group.get("photographer"), "other catalogue columns are kept");
        assertEquals("3", group.get("faces"), "dlib's labelled photo has 3 faces");
        assertEquals(3, Integer.parseInt(group.get("men")) + Integer.parseInt(group.get("women"))
                + Integer.parseInt(group.get("unknown")));
        assertEquals("yes", group.get("catalogued"));
        assertEquals("no", items.get("pic00068").get("catalogued"));
        assertEquals("0", items.get("dogs").get("faces"));
        assertEquals("none", items.get("dogs").get("composition"));
        assertEquals("Dogs, no people", items.get("dogs").get("title"));
        assertEquals("2008", items.get("2008_001009").get("year_from"), "joined by id; 'ca. 2008' read as 2008");

        Map<String, Map<String, String>> faces = readCsv(out.resolve("faces.csv"), "item_id");
        assertEquals(result.faces(), faces.size());
        for (Map<String, String> face : faces.values()) {
            BufferedImage crop = ImageIO.read(out.resolve(face.get("crop")).toFile());
            assertEquals(224, crop.getWidth());
            assertEquals(224, crop.getHeight());
            assertTrue(face.get("models").contains("faceapi-agegender"), face.get("models"));
            assertEquals("", face.get("p_face"), "no verifier, so no probability of a face");
        }
        assertEquals(faces.size(), Files.readAllLines(out.resolve("faces.jsonl")).size());

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("census.sqlite"))) {
            assertEquals(faces.size(), count(db, "SELECT count(*) FROM faces"));
            assertEquals(faces.size(), count(db, "SELECT count(*) FROM faces WHERE p_face IS NULL"));
            assertEquals(items.size(), count(db, "SELECT count(*) FROM items"));
            assertEquals(3, count(db, "SELECT faces FROM items WHERE item_id = 'voc-1322'"));
            assertEquals(2, count(db, "SELECT count(*) FROM metadata WHERE item_id = 'voc-1322' AND field = 'tag'"));
            assertEquals(1, count(db, "SELECT count(*) FROM models WHERE name = 'faceapi-agegender' AND length(sha256) = 64"));
            assertEquals(1, count(db, "SELECT count(*) FROM run WHERE setting = '--detector' AND value = 'blazeface'"));
        }
        assertEquals(items.keySet().stream().toList(), summarised.stream().map(ItemRecord::itemId).toList());

        // Started again with the same settings: nothing is analysed twice and the files stay the same.
        byte[] itemsBefore = Files.readAllBytes(out.resolve("items.csv"));
        byte[] dbBefore = Files.readAllBytes(out.resolve("census.sqlite"));
        CensusResult again = census.summariser((o, i, r) -> { }).run();
        assertEquals(0, again.run().items());
        assertEquals(8, again.resumed());
        assertArrayEquals(itemsBefore, Files.readAllBytes(out.resolve("items.csv")));
        assertArrayEquals(dbBefore, Files.readAllBytes(out.resolve("census.sqlite")));

        // With another detector the folder's run is not mixed in.
        Census other = Census.of(collection).catalogue(catalogue).out(out).threads(2).summariser((o, i, r) -> { })
                .analyzer(Census.defaultAnalyzer(FaceCensus.defaults()).detector("ssd-mobilenet"));
        FaceCensusException refused = assertThrows(FaceCensusException.class, other::run);
        assertTrue(refused.getMessage().contains("--detector was 'blazeface', now 'ssd-mobilenet'"), refused.getMessage());
    }

    /**
     * A classifier file retrained under the same name must not be resumed into: the journal's key
     * holds every model's sha256, so the labels of two different models never mix in one census.
     */
    @Test
    void aRetrainedClassifierFileUnderTheSameNameIsNotResumedInto() throws Exception {
        Path collection = TestCollection.photos(dir.resolve("photos"), 2, 0);
        Path model = dir.resolve("fisherfaces.yml");
        List<LabelledFace> train = LabelledDataset.read(SharedPhotos.data("utkface")).split("train");
        trainFisherfaces(train, 0, model);
        Path out = dir.resolve("out");
        Census census = Census.of(collection).out(out).threads(1).summariser((o, i, r) -> { })
                .analyzer(Census.defaultAnalyzer(FaceCensus.defaults()).detector("blazeface")
                        .classifier(model.toString(), GenderClassifierSpec.factory(model.toString())));
        CensusResult first = census.run();
        assertTrue(first.faces() > 0, "the photos have faces");
        assertEquals(0, census.run().run().items(), "same file, same digest: resumed, nothing analysed again");

        trainFisherfaces(train, 1, model);
        FaceCensusException refused = assertThrows(FaceCensusException.class,
                census::run);
        assertTrue(refused.getMessage().contains("models was"), refused.getMessage());
        assertTrue(refused.getMessage().contains("fisherfaces"), refused.getMessage());
    }

    /** Fisherfaces on every 25th training face from {@code offset}: small, fast, and different per offset. */
    private static void trainFisherfaces(List<LabelledFace> train, int offset, Path model) {
        List<LabelledFace> subset = new ArrayList<>();
        for (int i = offset; i < train.size(); i += 25) {
            subset.add(train.get(i));
        }
        try (FisherfacesGenderClassifier c = FisherfacesGenderClassifier.train(subset, FisherfacesSettings.DEFAULT,
                "UTKFace train, every 25th from " + offset, "UTKFace: non-commercial research")) {
            c.save(model);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
