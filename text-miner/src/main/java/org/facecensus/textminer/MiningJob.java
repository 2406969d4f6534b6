package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mines a file of records: JSON Lines (one object per line with {@code id} and {@code description}) or
 * CSV with a header row; records are streamed, so the file may be larger than memory. For each record it writes one JSON line
 * <pre>{"id":"c15-748","mentions":[{"gender":"male","term":"peasant","phrase":"The male peasant","sentence":0}],...}</pre>
 * followed by the record's other fields (all but the description), and it returns the
 * {@link MentionCounts} of the whole run. A record that cannot be read or mined gives
 * {@code {"id":...,"line":N,"error":"..."}} ({@code "row"} for CSV) and the run goes on.
 *
 * <p>Thread-safety: immutable and thread-safe; each {@code run} call is independent and single-threaded.
 */
public final class MiningJob {
    private static final Logger LOG = LoggerFactory.getLogger(MiningJob.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final int PROGRESS_EVERY = 10_000;

    /**
     * Input formats.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Format {
        /** One JSON object per line. */
        JSONL,
        /** Comma-separated values with a header row (RFC 4180 quoting; fields may span lines). */
        CSV;

        /** By extension (.csv; .jsonl, .ndjson), else null: sniff the content. */
        static Format byExtension(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            return null;
        }
    }

    private final DescriptionMiner miner;
    private final TermGroups groups;
    private final String idField;
    private final String textField;

    /** A job with the default grouping, reading the fields {@code id} and {@code description}. */
    public MiningJob(DescriptionMiner miner) {
        this(miner, TermGroups.defaults(), "id", "description");
    }

    private MiningJob(DescriptionMiner miner, TermGroups groups, String idField, String textField) {
        this.miner = Objects.requireNonNull(miner, "miner");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.idField = Objects.requireNonNull(idField, "idField");
        this.textField = Objects.requireNonNull(textField, "textField");
    }

    public MiningJob withGroups(TermGroups groups) {
        return new MiningJob(miner, groups, idField, textField);
    }

    /** Reads record ids from {@code field} instead of {@code id}. */
    public MiningJob withIdField(String field) {
        return new MiningJob(miner, groups, field, textField);
    }

    /** Mines {@code field} instead of {@code description} (e.g. {@code title}). */
    public MiningJob withTextField(String field) {
        return new MiningJob(miner, groups, idField, field);
    }

    /**
     * Mines {@code input}, writing one JSON line per record to {@code out} (null: count only). The format
     * comes from the extension, else from the first character (<code>{</code> means JSON Lines).
     */
    public MentionCounts run(Path input, Writer out) {
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            Format format = Format.byExtension(input);
            return run(reader, format != null ? format : sniff(reader), out);
        } catch (NoSuchFileException e) {
            throw new FaceCensusException("Input file not found: " + input + "; give a JSON Lines or CSV file.", e);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + input + ": " + e.getMessage(), e);
        }
    }

    /** Mines records from {@code in} in {@code format}; {@code out} may be null to count only. */
    public MentionCounts run(Reader in, Format format, Writer out) {
        MentionCounts counts = new MentionCounts(groups);
        try {
            if (format == Format.CSV) {
                runCsv(in, out, counts);
            } else {
                runJsonLines(in instanceof BufferedReader b ? b : new BufferedReader(in), out, counts);
            }
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Mined {} records with '{}' ({} with text, {} with mentions, {} errors)", counts.records(), miner.name(),
                counts.recordsWithText(), counts.recordsWithMentions(), counts.errors());
        return counts;
    }

    /**
     * JSON Lines if the first non-blank character is '{', else CSV. A JSON array is refused with a way to
     * convert it: records are streamed line by line, never held all at once.
     */
    public static Format sniff(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        int c;
        int read = 0;
        do {
            c = reader.read();
            read++;
        } while (read < (1 << 16) && (c == '\uFEFF' || (c >= 0 && Character.isWhitespace(c))));
        reader.reset();
        if (c == '[') {
            throw new FaceCensusException("The input is a JSON array; give JSON Lines, one record per line "
                    + "(e.g. convert it with: jq -c '.[]' FILE.json > FILE.jsonl).");
        }
        return c == '{' ? Format.JSONL : Format.CSV;
    }

    private void runJsonLines(BufferedReader in, Writer out, MentionCounts counts) throws IOException {
        int lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                error(out, counts, null, "line", lineNumber, "not valid JSON (" + e.getOriginalMessage()
                        + "); each line must be one JSON object");
                continue;
            }
            if (node == null || !node.isObject()) {
                error(out, counts, null, "line", lineNumber, "not a JSON object; each line must be one {...} record");
                continue;
            }
            mineRecord((ObjectNode) node, "line", lineNumber, out, counts);
        }
    }

    private void runCsv(Reader in, Writer out, MentionCounts counts) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        int row = 0;
        boolean headerChecked = false;
        long lastErrorOffset = -1;
        try (MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (true) {
                row++;
                Map<String, String> values;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    values = rows.nextValue();
                } catch (JsonProcessingException | RuntimeException e) {
                    // The CSV parser is line-based and resumes at the next row; one that cannot move on is at its end.
                    long offset = rows.getParser().currentLocation().getCharOffset();
                    error(out, counts, null, "row", row, "not a valid CSV row: " + firstLine(e.getMessage()));
                    if (offset == lastErrorOffset) {
                        break;
                    }
                    lastErrorOffset = offset;
                    continue;
                }
                if (!headerChecked) {
                    headerChecked = true;
                    CsvSchema header = ((CsvParser) rows.getParser()).getSchema();
                    if (header.column(idField) == null) {
                        throw new FaceCensusException("The CSV header has no '" + idField + "' column (columns: "
                                + header.getColumnDesc() + "); name the id column with --id-field.");
                    }
                }
                ObjectNode node = JSON.createObjectNode();
                values.forEach(node::put);
                mineRecord(node, "row", row, out, counts);
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private void mineRecord(ObjectNode record, String where, int number, Writer out, MentionCounts counts) throws IOException {
        JsonNode id = record.get(idField);
        if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank()) || id.isContainerNode()) {
            error(out, counts, null, where, number, "record has no '" + idField + "' (a string or number); give every "
                    + "record an id, or name the id field with --id-field");
            return;
        }
        JsonNode textNode = record.get(textField);
        if (textNode != null && textNode.isContainerNode()) {
            error(out, counts, id, where, number, "'" + textField + "' is not text");
            return;
        }
        String text = textNode == null || textNode.isNull() ? null : textNode.asText();
        List<Mention> mentions;
        try {
            mentions = miner.mine(text);
        } catch (RuntimeException e) {
            LOG.warn("Mining record {} failed", id, e);
            error(out, counts, id, where, number, "mining failed: " + e);
            return;
        }
        counts.add(mentions, text != null && !text.isBlank());
        if (out == null) {
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("id", id);
        ArrayNode array = result.putArray("mentions");
        for (Mention m : mentions) {
            ObjectNode o = array.addObject();
            o.put("gender", MentionCounts.name(m.gender()));
            o.put("term", m.term());
            o.put("phrase", m.phrase());
            o.put("sentence", m.sentence());
        }
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!name.equals(idField) && !name.equals(textField) && !result.has(name)) {
                result.set(name, record.get(name));
            }
        }
        writeLine(out, result);
    }

    private static void error(Writer out, MentionCounts counts, JsonNode id, String where, int number, String message)
            throws IOException {
        counts.addError();
        LOG.debug("Record at {} {}: {}", where, number, message);
        if (out == null) {
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        result.set("id", id);
        result.put(where, number);
        result.set("error", TextNode.valueOf(message));
        writeLine(out, result);
    }

    private static void writeLine(Writer out, ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }
}
