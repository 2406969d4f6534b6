package org.facecensus.textminer;

import org.facecensus.text.Mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner: JSON Lines and CSV in, one JSON line per record out, bad records reported, counts. */
class MiningJobTest {
    private final MiningJob job = new MiningJob(new DefaultDescriptionMiner());

    private static List<JsonNode> lines(StringWriter out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(PosterNotes.JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void realRecordsGiveOneLinePerRecordWithOtherFieldsKept() throws IOException {
        Path records = PosterNotes.recordsFile();
        StringWriter out = new StringWriter();
        MentionCounts counts = job.run(records, out);
        List<JsonNode> lines = lines(out);
        Map<String, JsonNode> byId = PosterNotes.records();
        assertEquals(byId.size(), lines.size());
        assertEquals(0, counts.errors());
        int female = 0;
        for (JsonNode line : lines) {
            String id = line.get("id").asText();
            JsonNode record = byId.get(id);
            assertTrue(line.get("mentions").isArray(), line.toString());
            assertEquals(record.get("title"), line.get("title"), "other fields are kept");
            assertFalse(line.has("description"), "the mined text itself is not repeated");
            List<Mention> direct = new DefaultDescriptionMiner().mine(PosterNotes.field(record, "description"));
            assertEquals(direct.size(), line.get("mentions").size(), id);
            for (JsonNode m : line.get("mentions")) {
                assertTrue(m.has("gender") && m.has("term") && m.has("phrase") && m.has("sentence"), m.toString());
                female += m.get("gender").asText().equals("female") ? 1 : 0;
            }
        }
        assertEquals(female, counts.mentions(Gender.FEMALE));
        assertEquals(lines.size(), counts.records());
    }

    @Test
    void badJsonLinesAreReportedAndTheRunGoesOn() throws IOException {
        String input = String.join("\n",
                "{\"id\": \"a\", \"description\": \"A peasant woman.\"}",
                "{\"id\": \"b\", \"description\": \"broken",
                "",
                "[1, 2]",
                "{\"description\": \"No id here, a man.\"}",
                "{\"id\": 7, \"description\": null, \"theme\": \"x\"}",
                "{\"id\": \"c\", \"description\": [\"not\", \"text\"]}",
                "{\"id\": \"d\"}");
        StringWriter out = new StringWriter();
        MentionCounts counts = job.run(new StringReader(input), MiningJob.Format.JSONL, out);
        List<JsonNode> lines = lines(out);
        assertEquals(7, lines.size(), out.toString());
        assertEquals("peasant", lines.get(0).get("mentions").get(0).get("term").asText());
        assertEquals(2, lines.get(1).get("line").asInt());
        assertTrue(lines.get(1).get("error").asText().contains("not valid JSON"), lines.get(1).toString());
        assertEquals(4, lines.get(2).get("line").asInt());
        assertTrue(lines.get(2).get("error").asText().contains("not a JSON object"));
        assertEquals(5, lines.get(3).get("line").asInt());
        assertTrue(lines.get(3).get("error").asText().contains("no 'id'"));
        assertEquals(7, lines.get(4).get("id").asInt(), "a numeric id is kept as a number");
        assertEquals(0, lines.get(4).get("mentions").size());
        assertEquals("x", lines.get(4).get("theme").asText());
        assertEquals("c", lines.get(5).get("id").asText());
        assertTrue(lines.get(5).has("error"));
        assertEquals(0, lines.get(6).get("mentions").size());
        assertEquals(7, counts.records());
        assertEquals(4, counts.errors());
        assertEquals(1, counts.recordsWithText());
    }

    @Test
    void csvWithQuotedMultiLineFieldsAndABadRow(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("notes.csv");
        Files.writeString(csv, String.join("\n",
                "id,description,theme",
                "p1,\"Male and female workers, on the\nnew dam.\",industry",
                "p2,\"A \"\"Red Detachment of Women\"\" poster.\",culture",
                "p3,a boy,x,too many",
                "p4,,empty",
                ""), StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        MentionCounts counts = job.run(csv, out);
        List<JsonNode> lines = lines(out);
        assertEquals(4, lines.size(), out.toString());
        assertEquals(2, lines.get(0).get("mentions").size());
        assertEquals("industry", lines.get(0).get("theme").asText());
        assertEquals(0, lines.get(1).get("mentions").size(), "a quoted title inside a CSV field is not counted");
        assertTrue(lines.get(2).has("error"), lines.get(2).toString());
        assertEquals(3, lines.get(2).get("row").asInt());
        assertEquals("p4", lines.get(3).get("id").asText());
        assertEquals(1, counts.errors());
        assertEquals(1, counts.mentions(Gender.MALE, "worker"));
    }

    @Test
    void csvWithoutTheIdColumnIsAnErrorThatNamesTheOption(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("notes.csv");
        Files.writeString(csv, "key,description\nk1,a woman\n", StandardCharsets.UTF_8);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> job.run(csv, new StringWriter()));
        assertTrue(e.getMessage().contains("--id-field"), e.getMessage());
        StringWriter out = new StringWriter();
        job.withIdField("key").run(csv, out);
        assertEquals("k1", lines(out).get(0).get("id").asText());
    }

    @Test
    void formatIsSniffedWithoutAnExtension(@TempDir Path dir) throws IOException {
        Path jsonl = dir.resolve("notes");
        Files.writeString(jsonl, "\n{\"id\": \"x\", \"title\": \"The first female engine driver Tian Guiying\"}\n");
        StringWriter out = new StringWriter();
        job.withTextField("title").run(jsonl, out);
        JsonNode line = lines(out).get(0);
        assertEquals("engine driver", line.get("mentions").get(0).get("term").asText());
        assertFalse(line.has("title"));
    }

    @Test
    void aJsonArrayIsRefusedWithAWayToConvertIt(@TempDir Path dir) throws IOException {
        Path array = dir.resolve("notes.json");
        Files.writeString(array, "[{\"id\": 1, \"description\": \"a woman\"}]");
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> job.run(array, new StringWriter()));
        assertTrue(e.getMessage().contains("jq -c"), e.getMessage());
        Path bom = dir.resolve("bom.jsonl");
        Files.writeString(bom, "\uFEFF{\"id\": 1, \"description\": \"a woman\"}\n");
        StringWriter out = new StringWriter();
        assertEquals(0, job.run(bom, out).errors(), out.toString());
    }

    @Test
    void missingInputSaysWhatToDo() {
        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> job.run(Path.of("no-such-file.jsonl"), new StringWriter()));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void countTablesAsJsonAndCsvAgreeWithTheCounts() throws IOException {
        String input = String.join("\n",
                "{\"id\": 1, \"description\": \"Three women workers and a female tractor driver.\"}",
                "{\"id\": 2, \"description\": \"A peasant woman and her husband. Women workers.\"}",
                "{\"id\": 3, \"description\": \"A male peasant.\"}");
        MentionCounts counts = job.run(new StringReader(input), MiningJob.Format.JSONL, null);
        assertEquals(2, counts.mentions(Gender.FEMALE, "worker"));
        assertEquals(2, counts.descriptions(Gender.FEMALE));

        StringWriter json = new StringWriter();
        counts.writeJson(json);
        JsonNode table = PosterNotes.JSON.readTree(json.toString());
        assertEquals(3, table.get("records").asInt());
        int femaleTermMentions = 0;
        for (JsonNode term : table.get("terms")) {
            if (term.get("gender").asText().equals("female")) {
                femaleTermMentions += term.get("mentions").asInt();
            }
            if (term.get("term").asText().equals("worker")) {
                assertEquals("industry", term.get("category").asText());
                assertEquals(2, term.get("descriptions").asInt());
            }
        }
        assertEquals(counts.mentions(Gender.FEMALE), femaleTermMentions);
        int agriculture = 0;
        for (JsonNode c : table.get("categories")) {
            if (c.get("category").asText().equals("agriculture")) {
                agriculture += c.get("mentions").asInt();
            }
        }
        assertEquals(counts.categoryMentions(Gender.FEMALE, "agriculture") + counts.categoryMentions(Gender.MALE, "agriculture"),
                agriculture);

        StringWriter csv = new StringWriter();
        counts.writeCsv(csv);
        String[] rows = csv.toString().split("\n");
        assertEquals("level,gender,category,term,mentions,descriptions", rows[0].strip());
        assertTrue(csv.toString().contains("term,female,industry,worker,2,2"), csv.toString());
        assertTrue(csv.toString().contains("term,male,home and family,husband,1,1"), csv.toString());
    }
}
