package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facecensus analyze}: options reach the run, bad items are listed, resuming checks the arguments. */
class AnalyzeCommandTest {

    @Test
    void analysesACollectionListsBadItemsAndRefusesToResumeWithOtherArguments(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(DetectCommandTest.shared().resolve("dlib-faces/2008_001322.jpg"), photos.resolve("group.jpg"));
        Files.createFile(photos.resolve("empty.jpg"));
        Path catalogue = Files.writeString(dir.resolve("catalogue.jsonl"),
                "{\"file\": \"group.jpg\", \"title\": \"PASCAL VOC group photo\", \"date\": \"ca. 2008\"}\n"
                        + "{\"id\": \"lost\", \"title\": \"no image for this row\"\n");
        Path out = dir.resolve("census");

        DetectCommandTest.Result r = DetectCommandTest.run("analyze", photos.toString(), "--metadata",
                catalogue.toString(), "--out", out.toString(), "--threads", "1");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 images: 2 analysed now, 0 from an earlier run, 1 could not be read"), r.out());
        assertTrue(r.out().contains("3 faces; 1 images without catalogue record, 0 catalogue rows without image, "
                + "1 unreadable catalogue rows"), r.out());
        List<String> items = Files.readAllLines(out.resolve("items.csv"));
        assertEquals(4, items.size(), String.join("\n", items));
        assertTrue(items.get(1).startsWith("empty,empty.jpg,,,,,,") && items.get(1).endsWith("EMPTY_FILE"), items.get(1));
        assertTrue(items.get(2).startsWith("group,group.jpg,3,"), items.get(2));
        assertTrue(items.get(2).contains("PASCAL VOC group photo,ca. 2008,2008,2008"), items.get(2));
        assertTrue(items.get(3).startsWith("metadata-line-2,") && items.get(3).endsWith("BAD_METADATA_ROW"), items.get(3));
        assertTrue(Files.isRegularFile(out.resolve("census.sqlite")));
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"detector\" : \"blazeface\""));

        DetectCommandTest.Result other = DetectCommandTest.run("analyze", photos.toString(), "--metadata",
                catalogue.toString(), "--out", out.toString(), "--aligner", "imutils-eyes");
        assertEquals(1, other.exit(), other.out());
        assertTrue(other.err().contains("--aligner was 'similarity-5pt', now 'imutils-eyes'"), other.err());
    }

    /**
     * A catalogue as Excel saves "CSV" in a German locale: Windows-1252, semicolons, CRLF, its own column
     * names. The encoding and delimiter are detected; {@code --columns} maps the names. Titles are real
     * poster-notes records with accents, a comma, curly quotes.
     */
    @Test
    void readsAWindows1252SemicolonCatalogueWithAColumnMap(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(DetectCommandTest.shared().resolve("dlib-faces/2008_001322.jpg"), photos.resolve("group.jpg"));
        Files.copy(DetectCommandTest.shared().resolve("dlib-faces/2007_007763.jpg"), photos.resolve("street.jpg"));
        Map<String, JsonNode> records = new java.util.HashMap<>();
        for (String line : Files.readAllLines(DetectCommandTest.shared().resolve("poster-notes/records.jsonl"))) {
            JsonNode r = Json.MAPPER.readTree(line);
            records.put(r.get("id").asText(), r);
        }
        JsonNode france = records.get("85.130.141"); // "Français, économisez le gaz"
        JsonNode chile = records.get("10617");       // curly quotes, "Délano"
        String csv = "Bild;Titel;Datum;Gestalter\r\n"
                + "group.jpg;\"" + france.get("title").asText() + "\";" + france.get("date").asText() + ";\r\n"
                + "street.jpg;" + chile.get("title").asText() + ";" + chile.get("date").asText() + ";"
                + chile.get("designer").asText() + "\r\n";
        Path catalogue = Files.write(dir.resolve("katalog.csv"), csv.getBytes(Charset.forName("windows-1252")));
        Path out = dir.resolve("census");

        DetectCommandTest.Result r = DetectCommandTest.run("analyze", photos.toString(), "--metadata", catalogue.toString(),
                "--columns", "file=Bild,title=Titel,date=Datum,designer=Gestalter", "--out", out.toString(),
                "--threads", "1");

        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("0 images without catalogue record, 0 catalogue rows without image, "
                + "0 unreadable catalogue rows"), r.out());
        String items = Files.readString(out.resolve("items.csv"), StandardCharsets.UTF_8);
        assertTrue(items.contains("\"" + france.get("title").asText() + "\",1916,1916,1916"), items);
        assertTrue(items.contains(chile.get("title").asText()), items);
        assertTrue(items.contains(chile.get("designer").asText()), items);
        assertTrue(Files.readString(out.resolve("run.json")).contains("file=\\\"Bild\\\""), "the map is a resume setting");

        DetectCommandTest.Result badName = DetectCommandTest.run("analyze", photos.toString(), "--metadata",
                catalogue.toString(), "--metadata-encoding", "latin-9x", "--out", dir.resolve("other").toString());
        assertEquals(2, badName.exit(), badName.out());
        assertTrue(badName.err().contains("unknown encoding 'latin-9x'"), badName.err());
        DetectCommandTest.Result badColumn = DetectCommandTest.run("analyze", photos.toString(), "--metadata",
                catalogue.toString(), "--columns", "title=Title", "--out", dir.resolve("other").toString());
        assertEquals(1, badColumn.exit(), badColumn.out());
        assertTrue(badColumn.err().contains("'Bild', 'Titel', 'Datum', 'Gestalter'"), badColumn.err());
    }

    /**
     * The two-model filter through the whole pipeline: each member gets its own crop, a label is kept
     * only when both agree, and the report and statistics are written.
     */
    @Test
    void twoModelFilterRunsThroughThePipeline(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(DetectCommandTest.shared().resolve("dlib-faces/2008_001322.jpg"), photos.resolve("group.jpg"));
        Path out = dir.resolve("census");

        DetectCommandTest.Result r = DetectCommandTest.run("analyze", photos.toString(), "--out", out.toString(),
                "--classifier", "faceapi-agegender,faceapi-agegender@0.99");

        assertEquals(0, r.exit(), r.err());
        List<String> faces = Files.readAllLines(out.resolve("faces.csv"));
        assertEquals(4, faces.size(), String.join("\n", faces));
        for (String face : faces.subList(1, faces.size())) {
            String[] f = face.split(",");
            String gender = f[7];
            double p = Double.parseDouble(f[8]);
            // Both members are the same model: kept exactly when it is at least 0.99 sure.
            assertEquals(p >= 0.99 ? gender : "unknown", gender, face);
            assertTrue(gender.equals("unknown") || p >= 0.99, face);
        }
        assertTrue(Files.readString(out.resolve("run.json")).contains("faceapi-agegender,faceapi-agegender@0.99"));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("stats.json")));
    }
}
