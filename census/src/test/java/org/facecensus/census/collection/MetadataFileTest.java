package org.facecensus.census.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.SharedPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> realRecords() throws IOException {
        return Files.readAllLines(SharedPhotos.data("poster-notes/records.jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRealCatalogueAsJsonLines() throws IOException {
        MetadataFile file = MetadataFile.read(SharedPhotos.data("poster-notes/records.jsonl"));
        assertEquals(List.of(), file.errors());
        assertEquals(150, file.records().size());
        ItemMetadata first = file.records().get(0);
        JsonNode raw = JSON.readTree(realRecords().get(0));
        assertEquals(raw.get("id").asText(), first.id());
        assertEquals(raw.get("title").asText(), first.title());
        assertEquals(raw.get("date").asText(), first.date().raw());
        assertEquals(raw.get("designer").asText(), first.designer());
        assertEquals(raw.get("tags").size(), first.tags().size());
        assertEquals(raw.get("tags").get(0).asText(), first.tags().get(0));
        assertEquals(raw.get("description").asText(), first.description());
        assertEquals(raw.get("theme").asText(), first.extra().get("theme"));
        // The record's nested "extra" object is flattened into the extra columns.
        assertEquals(raw.get("extra").get("call_nr").asText(), first.extra().get("call_nr"));
        assertEquals(raw.get("folder").asText(), first.extra().get("folder"));
    }

    @Test
    void brokenJsonLinesAreReportedAndTheRestRead() throws IOException {
        List<String> real = realRecords();
        List<String> lines = new ArrayList<>();
        lines.add(real.get(0));
        lines.add(real.get(1).substring(0, real.get(1).length() / 2)); // cut off mid-record
        lines.add("");
        lines.add("[\"not\", \"an object\"]");
        lines.add(real.get(2));
        lines.add(real.get(0)); // the same id again
        lines.add("{\"title\": \"a row with neither id nor file\"}");
        Path file = Files.write(dir.resolve("records.jsonl"), lines, StandardCharsets.UTF_8);

        MetadataFile read = MetadataFile.read(file);

        assertEquals(2, read.records().size());
        assertEquals(List.of(2L, 4L, 6L, 7L), read.errors().stream().map(MetadataRowError::line).toList());
        assertTrue(read.errors().get(0).message().contains("not valid JSON"), read.errors().get(0).message());
        assertTrue(read.errors().get(1).message().contains("not an object"), read.errors().get(1).message());
        assertTrue(read.errors().get(2).message().contains("duplicate id"), read.errors().get(2).message());
        assertTrue(read.errors().get(3).message().contains("no id and no file"), read.errors().get(3).message());
    }

    @Test
    void readsCsvWithQuotedFieldsAndReportsRowsWithWrongColumnCount() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : realRecords().subList(0, 4)) {
            records.add(JSON.readTree(line));
        }
        StringWriter csv = new StringWriter();
        try (var writer = new CsvMapper().writer().writeValues(csv)) {
            writer.write(new String[] {"id", "title", "date", "artist", "tags", "theme"});
            for (JsonNode r : records) {
                List<String> tags = new ArrayList<>();
                r.get("tags").forEach(t -> tags.add(t.asText()));
                writer.write(new String[] {r.get("id").asText(), r.get("title").asText(), r.get("date").asText(),
                        r.get("designer").asText(), String.join(";", tags), r.get("theme").asText()});
            }
        }
        List<String> lines = new ArrayList<>(List.of(csv.toString().split("\n")));
        lines.add(2, "c-broken,only three,1950"); // 3 of 6 columns
        Path file = Files.write(dir.resolve("catalogue.csv"), lines, StandardCharsets.UTF_8);

        MetadataFile read = MetadataFile.read(file);

        assertEquals(4, read.records().size());
        assertEquals(1, read.errors().size());
        assertEquals(3, read.errors().get(0).line());
        assertTrue(read.errors().get(0).message().contains("3 columns where the header has 6"));
        for (int i = 0; i < 4; i++) {
            ItemMetadata m = read.records().get(i);
            JsonNode r = records.get(i);
            assertEquals(r.get("id").asText(), m.id());
            assertEquals(r.get("title").asText(), m.title());
            assertEquals(r.get("designer").asText(), m.designer(), "artist column read as designer");
            assertEquals(r.get("tags").size(), m.tags().size());
            assertEquals(r.get("theme").asText(), m.extra().get("theme"));
            assertEquals(CatalogDates.parse(r.get("date").asText()), m.date());
        }
    }

    @Test
    void unknownFormatAndMissingFileSayWhatToDo() throws IOException {
        Path xml = Files.writeString(dir.resolve("catalogue.xml"), "<records/>");
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> MetadataFile.read(xml));
        assertTrue(e.getMessage().contains("CSV") && e.getMessage().contains("JSON Lines"), e.getMessage());
        FaceCensusException missing = assertThrows(FaceCensusException.class,
                () -> MetadataFile.read(dir.resolve("none.csv")));
        assertTrue(missing.getMessage().contains("--metadata"), missing.getMessage());
    }
}
