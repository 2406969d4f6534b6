package org.facecensus.textminer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facecensus.classify.Gender;

/**
 * The real poster catalogue records (read from the shared data folder, never copied) and the
 * hand-checked expectations in {@code src/test/resources}.
 *
 * <p>How the expectations were made: every description (and, separately, every title) holding a
 * gendered word or pronoun was read in full. A mention is a depicted or described person named by a
 * gendered noun (woman, boy, mother, gunman…) or by male/female before a noun, one per occurrence;
 * its term is the role next to it (peasant, tractor driver) if there is one, else the gendered noun's
 * lemma; its sentence is the zero-based index of the sentence as a reader would count them (glued
 * "drivers.From" counts as two). Not mentions: pronouns (by design), words inside quotations and
 * titles, honorifics before names (Chairman Mao, King Victor Emmanuel III, Uncle Sam), personal names
 * (He Long), hyphenated modifiers (man-made) and gendered nouns modifying things (mother country).
 */
final class PosterNotes {
    static final ObjectMapper JSON = new ObjectMapper();

    private PosterNotes() {
    }

    /** The records file; the test is skipped (not failed) only where the shared data folder is absent. */
    static Path recordsFile() {
        String shared = System.getProperty("facecensus.shared");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared)),
                "Shared data folder not found (system property facecensus.shared = " + shared
                        + "); these tests need ../shared/data/poster-notes/records.jsonl");
        Path file = Path.of(shared, "data", "poster-notes", "records.jsonl");
        assumeTrue(Files.isRegularFile(file), "Missing " + file + "; these tests need the poster-notes records");
        return file;
    }

    /** id -> record, in file order. */
    static Map<String, JsonNode> records() {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(recordsFile(), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    records.put(node.get("id").asText(), node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static String field(JsonNode record, String field) {
        JsonNode node = record.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /** One expected mention. */
    record Expected(Gender gender, String term, String phrase, int sentence) {
    }

    /** One expected non-mention: a gendered {@code word} inside {@code text} that must not be counted. */
    record NotMention(String text, String word, String why) {
    }

    record Checked(String id, List<Expected> mentions, List<NotMention> notMentions) {
    }

    /** The hand-checked file {@code name} in the test resources, id -> expectations. */
    static Map<String, Checked> expected(String name) {
        Map<String, Checked> out = new LinkedHashMap<>();
        try (InputStream in = PosterNotes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                List<Expected> mentions = new ArrayList<>();
                for (JsonNode m : node.get("mentions")) {
                    mentions.add(new Expected(Gender.valueOf(m.get("gender").asText().toUpperCase(Locale.ROOT)),
                            m.get("term").asText(), m.get("phrase").asText(), m.get("sentence").asInt()));
                }
                List<NotMention> notMentions = new ArrayList<>();
                for (JsonNode n : node.get("not_mentions")) {
                    notMentions.add(new NotMention(n.get("text").asText(), n.get("word").asText(), n.get("why").asText()));
                }
                out.put(node.get("id").asText(), new Checked(node.get("id").asText(), mentions, notMentions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
