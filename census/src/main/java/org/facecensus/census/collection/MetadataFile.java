package org.facecensus.census.collection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;

import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;

/**
 * A collection's catalogue: CSV (with a header row) or JSON Lines, one record per item, keyed by
 * {@code id} or {@code file}. Recognised fields: id, file, title, date, designer (or artist), tags
 * (a list, or ';'-separated text), description; every other field is kept in
 * {@link ItemMetadata#extra()} (nested JSON objects flattened: {@code "extra": {"a": 1}} gives
 * {@code a}, any other object {@code key.a}). Broken rows become {@link #errors()} and the rest are read.
 *
 * <p>Thread-safety: immutable.
 *
 * @param records the rows read, in file order; when a row has both id and file, {@code id} is the id
 *                and the file name is kept in {@code extra["file"]}
 * @param errors  rows that could not be read, in file order
 */
public record MetadataFile(List<ItemMetadata> records, List<MetadataRowError> errors) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("id", "file", "title", "date", "designer", "artist", "tags",
            "description");

    public MetadataFile {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }

    /** Reads a {@code .csv} or {@code .jsonl}/{@code .ndjson}/{@code .json} file (JSON Lines). */
    public static MetadataFile read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("metadata file " + file + " does not exist or is not a file; "
                    + "check --metadata");
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".csv")) {
                return readCsv(reader);
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
                return readJsonLines(reader);
            }
        } catch (IOException e) {
            throw new FaceCensusException("cannot read metadata file " + file + ": " + e.getMessage(), e);
        }
        throw new FaceCensusException("metadata file " + file + " is neither .csv nor .jsonl: give a CSV file "
                + "with a header row or a JSON Lines file (one object per line)");
    }

    static MetadataFile readJsonLines(BufferedReader reader) throws IOException {
        Collector collector = new Collector();
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                collector.error(number, "not valid JSON (" + e.getOriginalMessage() + "); each line must be one JSON object");
                continue;
            }
            if (!(node instanceof ObjectNode object)) {
                collector.error(number, "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                        + ", not an object; each line must be one JSON object");
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            flatten("", object, fields);
            collector.add(number, fields);
        }
        return collector.result();
    }

    private static void flatten(String prefix, ObjectNode object, Map<String, Object> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (value instanceof ObjectNode nested) {
                flatten(prefix.isEmpty() && e.getKey().equals("extra") ? "" : key + ".", nested, into);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
                into.put(key, items);
            } else if (!value.isNull()) {
                into.put(key, value.asText());
            }
        }
    }

    static MetadataFile readCsv(Reader reader) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        Collector collector = new Collector();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(reader)) {
            String[] header = null;
            while (true) {
                long line = rows.getCurrentLocation() == null ? 0 : rows.getCurrentLocation().getLineNr();
                String[] row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line = rows.getCurrentLocation().getLineNr();
                    row = rows.nextValue();
                } catch (RuntimeException e) {
                    collector.error(line, "unreadable CSV row: " + e.getMessage());
                    break; // the tokenizer cannot resynchronise after a broken quote
                }
                if (header == null) {
                    header = Arrays.stream(row).map(h -> h.strip().toLowerCase(Locale.ROOT)).toArray(String[]::new);
                    continue;
                }
                if (row.length == 1 && row[0].isBlank()) {
                    continue;
                }
                if (row.length != header.length) {
                    collector.error(line, row.length + " columns where the header has " + header.length
                            + "; quote fields that contain commas");
                    continue;
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    if (!row[i].isEmpty()) {
                        fields.put(header[i], row[i]);
                    }
                }
                collector.add(line, fields);
            }
            if (header == null) {
                collector.error(1, "empty CSV file: the first row must name the columns (id or file, title, date, ...)");
            }
        }
        return collector.result();
    }

    /** Turns field maps into records, checking ids. */
    private static final class Collector {
        private final List<ItemMetadata> records = new ArrayList<>();
        private final List<MetadataRowError> errors = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        void error(long line, String message) {
            errors.add(new MetadataRowError(line, message));
        }

        void add(long line, Map<String, Object> fields) {
            String id = text(fields.get("id"));
            String file = text(fields.get("file"));
            String key = id.isEmpty() ? file : id;
            if (key.isEmpty()) {
                error(line, "no id and no file: every row needs one of them to be joined to an image");
                return;
            }
            if (!ids.add(key)) {
                error(line, "duplicate id '" + key + "': the first row with it is used");
                return;
            }
            String designer = text(fields.get("designer"));
            if (designer.isEmpty()) {
                designer = text(fields.get("artist"));
            }
            Map<String, String> extra = new LinkedHashMap<>();
            if (!id.isEmpty() && !file.isEmpty()) {
                extra.put("file", file);
            }
            fields.forEach((k, v) -> {
                if (!KNOWN.contains(k)) {
                    extra.put(k, v instanceof List<?> list ? String.join(";", list.stream().map(String::valueOf).toList())
                            : String.valueOf(v));
                }
            });
            records.add(new ItemMetadata(key, text(fields.get("title")), CatalogDates.parse(text(fields.get("date"))),
                    designer, tags(fields.get("tags")), text(fields.get("description")), extra));
        }

        MetadataFile result() {
            return new MetadataFile(records, errors);
        }

        private static String text(Object value) {
            if (value == null) {
                return "";
            }
            if (value instanceof List<?> list) {
                return String.join("; ", list.stream().map(String::valueOf).toList());
            }
            return value.toString().strip();
        }

        private static List<String> tags(Object value) {
            List<String> tags = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(t -> tags.add(String.valueOf(t).strip()));
            } else if (value != null) {
                for (String t : value.toString().split(";")) {
                    tags.add(t.strip());
                }
            }
            tags.removeIf(String::isEmpty);
            return tags;
        }
    }
}
