package org.facecensus.census.collection;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection's catalogue: CSV (with a header row), JSON Lines or an Excel workbook ({@code .xlsx}, first
 * sheet, first row as headers), one record per item, keyed by {@code id} or {@code file}. Recognised fields
 * ({@link CatalogueField}): id, file, title, date, designer (or artist), tags (a list, or ';'-separated text),
 * description; every other field is kept in {@link ItemMetadata#extra()} (nested JSON objects flattened:
 * {@code "extra": {"a": 1}} gives {@code a}, any other object {@code key.a}). Broken rows become
 * {@link #errors()} and the rest are read.
 *
 * <p>Spreadsheet exports are read as they come ({@link CatalogueOptions} sets any of this instead):
 * <ul>
 *   <li><b>Encoding</b>: a byte-order mark decides (UTF-8, UTF-16 LE/BE) and is dropped, so Excel's
 *       "CSV UTF-8" header reads {@code id}, not U+FEFF followed by {@code id}; else valid UTF-8 is UTF-8, and anything
 *       else Windows-1252 (Excel's plain "CSV" on Windows, a superset of Latin-1's printable characters).
 *       The choice is logged.</li>
 *   <li><b>Delimiter</b>: an Excel {@code sep=;} first line, else whichever of {@code , ; tab |} splits the
 *       header and the first rows into the same number of columns (quotes respected).</li>
 *   <li><b>Columns</b>: matched to the fields ignoring case and spaces around them; a {@link ColumnMap} names
 *       others ("Object number" → id).</li>
 * </ul>
 * A set encoding the bytes do not fit, or a map naming a column the file lacks, stops the read with a
 * message that names the line and byte, or the file's columns.
 *
 * <p>Thread-safety: immutable.
 *
 * @param records the rows read, in file order; when a row has both id and file, {@code id} is the id
 *                and the file name is kept in {@code extra["file"]}
 * @param errors  rows that could not be read, in file order
 * @param format  how the file was read (kind, encoding, delimiter, what was detected)
 */
public record MetadataFile(List<ItemMetadata> records, List<MetadataRowError> errors, CatalogueFormat format) {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KNOWN = Set.of("id", "file", "title", "date", "designer", "artist", "tags",
            "description");

    public MetadataFile {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
        Objects.requireNonNull(format, "format");
    }

    /** Reads {@code file}, detecting its encoding and delimiter ({@link CatalogueOptions#DETECT}). */
    public static MetadataFile read(Path file) {
        return read(file, CatalogueOptions.DETECT);
    }

    /**
     * Reads a {@code .csv} ({@code .tsv}, {@code .tab} and {@code .txt} too), a {@code .jsonl}/{@code .ndjson}/
     * {@code .json} (JSON Lines) or an {@code .xlsx} file.
     *
     * @throws FaceCensusException when the file is missing, of another kind, not in the encoding set, or lacks
     *                             a mapped column; each message says what to do
     */
    public static MetadataFile read(Path file, CatalogueOptions options) {
        Objects.requireNonNull(options, "options");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("metadata file " + file + " does not exist or is not a file; "
                    + "check --metadata");
        }
        CatalogueFormat.Kind kind = kindOf(name);
        if (kind == null) {
            throw new FaceCensusException("metadata file " + file + " is neither .csv, .jsonl nor .xlsx: give a CSV"
                    + " file with a header row, a JSON Lines file (one object per line) or an Excel workbook"
                    + (name.endsWith(".xls") || name.endsWith(".ods")
                    ? " (save this one as .xlsx or as 'CSV UTF-8')" : ""));
        }
        MetadataFile read;
        if (kind == CatalogueFormat.Kind.XLSX) {
            refuse(options.encoding() != null, "--metadata-encoding", file, "an Excel workbook records its own");
            refuse(options.delimiter() != null, "--metadata-delimiter", file, "an Excel workbook has cells");
            read = XlsxCatalogue.read(file, options.columns());
        } else {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new FaceCensusException("cannot read metadata file " + file + ": " + e.getMessage(), e);
            }
            checkNotAWorkbook(bytes, file);
            CatalogueText text = CatalogueText.decode(bytes, options.encoding(), file);
            String encoding = "encoding " + text.charset().name() + " (" + text.how() + ")";
            if (kind == CatalogueFormat.Kind.JSON_LINES) {
                refuse(options.delimiter() != null, "--metadata-delimiter", file, "JSON Lines has no delimiter");
                read = readJsonLines(text.text(), options.columns(),
                        new CatalogueFormat(kind, text.charset(), null, encoding), file);
            } else {
                read = readCsv(text, options, encoding, file);
            }
        }
        LOG.info("catalogue {}: {}; {} records, {} unreadable rows", file, read.format().describe(),
                read.records().size(), read.errors().size());
        return read;
    }

    private static CatalogueFormat.Kind kindOf(String name) {
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) {
            return CatalogueFormat.Kind.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return CatalogueFormat.Kind.JSON_LINES;
        }
        return name.endsWith(".xlsx") ? CatalogueFormat.Kind.XLSX : null;
    }

    /** Options that do not apply to a file's kind are refused rather than silently ignored. */
    private static void refuse(boolean given, String option, Path file, String why) {
        if (given) {
            throw new FaceCensusException(option + " does not apply to " + file.getFileName() + " (" + why
                    + "); leave it out");
        }
    }

    /** A workbook saved under a text name would otherwise read as one column of binary noise. */
    private static void checkNotAWorkbook(byte[] bytes, Path file) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            throw new FaceCensusException("metadata file " + file + " is a ZIP archive, probably an Excel workbook "
                    + "under a text name: rename it to .xlsx, or save it as 'CSV UTF-8'");
        }
        if (bytes.length >= 4 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF && bytes[2] == 0x11
                && (bytes[3] & 0xFF) == 0xE0) {
            throw new FaceCensusException("metadata file " + file + " is an Excel 97-2003 workbook (.xls), which is "
                    + "not read: save it as .xlsx or as 'CSV UTF-8'");
        }
    }

    static MetadataFile readJsonLines(String text, ColumnMap columns, CatalogueFormat format, Path file) {
        Collector collector = new Collector(format);
        List<Map.Entry<Long, Map<String, Object>>> rows = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        long number = 0;
        for (String line : text.split("\r?\n", -1)) {
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
            keys.addAll(fields.keySet());
            rows.add(Map.entry(number, fields));
        }
        // The map is checked against every key seen, so it is applied once all lines are read.
        String[] from = keys.toArray(String[]::new);
        String[] to = columnKeys(from, columns, file, false);
        Map<String, String> rename = new LinkedHashMap<>();
        for (int i = 0; i < from.length; i++) {
            rename.put(from[i], to[i]);
        }
        for (Map.Entry<Long, Map<String, Object>> row : rows) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            row.getValue().forEach((k, v) -> renamed.put(rename.get(k), v));
            collector.add(row.getKey(), renamed);
        }
        collector.errors.sort(java.util.Comparator.comparingLong(MetadataRowError::line));
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

    /** Reads CSV text that is already decoded, sniffing its delimiter, with columns by their own names. */
    static MetadataFile readCsv(Reader reader) throws IOException {
        StringWriter text = new StringWriter();
        reader.transferTo(text);
        CatalogueText decoded = new CatalogueText(text.toString(), StandardCharsets.UTF_8, 0, "text given");
        return readCsv(decoded, CatalogueOptions.DETECT, "text given", Path.of("catalogue.csv"));
    }

    private static MetadataFile readCsv(CatalogueText decoded, CatalogueOptions options, String encoding, Path file) {
        String text = decoded.text();
        long skippedLines = 0;
        int skippedChars = 0;
        Character declared = CatalogueText.excelSeparatorLine(text);
        char delimiter;
        String how;
        if (options.delimiter() != null) {
            delimiter = options.delimiter();
            how = "set";
        } else if (declared != null) {
            delimiter = declared;
            how = "from the file's sep= line";
        } else {
            delimiter = CatalogueText.sniffDelimiter(text);
            how = "detected from the header and first rows";
        }
        if (declared != null) {
            // Excel's "sep=;" hint is not the header row.
            int end = text.indexOf('\n');
            skippedChars = end < 0 ? text.length() : end + 1;
            skippedLines = 1;
        }
        CatalogueFormat format = new CatalogueFormat(CatalogueFormat.Kind.CSV, decoded.charset(), delimiter,
                encoding + ", delimiter " + CatalogueFormat.show(delimiter) + " (" + how + ")");
        Collector collector = new Collector(format);
        Table table = new Table(collector, options.columns(), file, "quote fields that contain "
                + CatalogueFormat.show(delimiter) + (options.delimiter() == null
                ? ", or set --metadata-delimiter if " + CatalogueFormat.show(delimiter) + " is not the delimiter" : ""));
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema)
                .readValues(new StringReader(text.substring(skippedChars)))) {
            while (true) {
                long line = rows.getCurrentLocation() == null ? 0 : rows.getCurrentLocation().getLineNr();
                String[] row;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line = rows.getCurrentLocation().getLineNr();
                    row = rows.nextValue();
                } catch (IOException | RuntimeException e) {
                    JsonLocation at = rows.getCurrentLocation();
                    String where = at == null || at.getCharOffset() < 0 ? ""
                            : " at byte " + decoded.byteOffset(skippedChars + at.getCharOffset());
                    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                    collector.error(line + skippedLines, "unreadable CSV row" + where + ": " + why
                            + "; a quote that is never closed? The rows after it are not read");
                    break; // the tokenizer cannot resynchronise after a broken quote
                }
                table.row(line + skippedLines, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        if (!table.hasHeader()) {
            collector.error(1, "empty CSV file: the first row must name the columns (id or file, title, date, ...)");
        }
        return collector.result();
    }

    /**
     * The key each of {@code headers} is read as: a mapped column its field's name; a column named like a
     * field that the map moved elsewhere {@code "<name> (not mapped)"}; any other its own name, lower-cased
     * for CSV and XLSX ({@code lowerCase}), as written for JSON.
     *
     * @throws FaceCensusException when the map names a column that is not among {@code headers}
     */
    static String[] columnKeys(String[] headers, ColumnMap columns, Path file, boolean lowerCase) {
        String[] keys = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            String h = headers[i].replace("\ufeff", "").strip();
            keys[i] = lowerCase ? h.toLowerCase(Locale.ROOT) : h;
        }
        Set<String> mappedAway = new HashSet<>();
        Map<Integer, String> mapped = new HashMap<>();
        columns.headers().forEach((field, header) -> {
            int column = -1;
            for (int i = 0; i < headers.length && column < 0; i++) {
                if (normal(headers[i]).equals(normal(header)) && !mapped.containsKey(i)) {
                    column = i;
                }
            }
            if (column < 0) {
                throw new FaceCensusException("column map: field '" + field.key() + "' is to be read from column '"
                        + header + "', which " + file.getFileName() + " does not have; its columns are: "
                        + Arrays.stream(headers).map(h -> "'" + h.replace("\ufeff", "").strip() + "'")
                        .collect(Collectors.joining(", ")) + (headers.length == 0 ? "" : ". Give one of them (in "
                        + "quotes), e.g. " + field.key() + "=\"" + headers[0].replace("\ufeff", "").strip() + "\""));
            }
            mapped.put(column, field.key());
            mappedAway.add(field.key());
            if (field == CatalogueField.DESIGNER) {
                mappedAway.add("artist");
            }
        });
        for (int i = 0; i < keys.length; i++) {
            if (mapped.containsKey(i)) {
                keys[i] = mapped.get(i);
            } else if (mappedAway.contains(normal(keys[i]))) {
                keys[i] = normal(keys[i]) + " (not mapped)";
            }
        }
        return keys;
    }

    private static String normal(String header) {
        return header.replace("\ufeff", "").strip().toLowerCase(Locale.ROOT);
    }

    /** Rows of cells under a header row (CSV, XLSX) into the collector. */
    static final class Table {
        private final Collector collector;
        private final ColumnMap columns;
        private final Path file;
        private final String countAdvice;
        private String[] keys;

        Table(Collector collector, ColumnMap columns, Path file, String countAdvice) {
            this.collector = collector;
            this.columns = columns;
            this.file = file;
            this.countAdvice = countAdvice;
        }

        boolean hasHeader() {
            return keys != null;
        }

        /** The header when none was seen yet, else a record (blank rows skipped). */
        void row(long line, String[] row) {
            if (Arrays.stream(row).allMatch(String::isBlank)) {
                return;
            }
            if (keys == null) {
                keys = columnKeys(row, columns, file, true);
                return;
            }
            if (row.length != keys.length) {
                collector.error(line, row.length + " columns where the header has " + keys.length + "; " + countAdvice);
                return;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                if (!row[i].isEmpty()) {
                    fields.put(keys[i], row[i]);
                }
            }
            collector.add(line, fields);
        }
    }

    /** Turns field maps into records, checking ids. */
    static final class Collector {
        private final CatalogueFormat format;
        private final List<ItemMetadata> records = new ArrayList<>();
        private final List<MetadataRowError> errors = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        Collector(CatalogueFormat format) {
            this.format = format;
        }

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
            return new MetadataFile(records, errors, format);
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
