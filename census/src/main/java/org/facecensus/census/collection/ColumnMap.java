package org.facecensus.census.collection;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

import org.facecensus.FaceCensusException;

/**
 * Which column of a catalogue holds each {@link CatalogueField}, for files whose headers are not the field
 * names: a museum export's "Object number", "Date made", "Keywords". Columns are matched ignoring case and
 * surrounding spaces. A mapped field takes the named column; a column that would otherwise have been read
 * as that field (a file's own {@code title} when {@code title} is mapped elsewhere) is kept as the extra
 * {@code "<field> (not mapped)"}, so no data is dropped.
 *
 * <p>Written as {@code id="Object number",date="Date made",tags=Keywords} ({@link #parse}) or as a
 * properties file with one {@code field = header} a line ({@link #read}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param headers the file's header for each mapped field
 */
public record ColumnMap(Map<CatalogueField, String> headers) {
    /** No mapping: columns are read by their own names. */
    public static final ColumnMap NONE = new ColumnMap(Map.of());

    public ColumnMap {
        EnumMap<CatalogueField, String> copy = new EnumMap<>(CatalogueField.class);
        headers.forEach((field, header) -> {
            Objects.requireNonNull(field, "field");
            if (header == null || header.isBlank()) {
                throw new FaceCensusException("the column for catalogue field '" + field.key() + "' is empty; "
                        + "give the header as the file writes it, e.g. " + field.key() + "=\"Object number\"");
            }
            copy.put(field, header.strip());
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** This map with {@code field} read from the column {@code header}. */
    public ColumnMap with(CatalogueField field, String header) {
        EnumMap<CatalogueField, String> copy = new EnumMap<>(CatalogueField.class);
        copy.putAll(headers);
        copy.put(field, header);
        return new ColumnMap(copy);
    }

    /** The column mapped to {@code field}, if any. */
    public Optional<String> header(CatalogueField field) {
        return Optional.ofNullable(headers.get(field));
    }

    /** Whether nothing is mapped. */
    public boolean isEmpty() {
        return headers.isEmpty();
    }

    /**
     * Reads {@code field=header,field=header}: a header may be in double quotes (needed when it holds a comma;
     * {@code ""} inside quotes is a quote), the field is a {@link CatalogueField} name.
     *
     * @throws FaceCensusException for an unknown field, a field given twice or a pair without '='
     */
    public static ColumnMap parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        EnumMap<CatalogueField, String> map = new EnumMap<>(CatalogueField.class);
        for (String pair : splitPairs(spec)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new FaceCensusException("column map entry '" + pair.strip() + "' has no '=': write "
                        + "field=header, e.g. id=\"Object number\",date=\"Date made\"; the fields are "
                        + CatalogueField.names());
            }
            put(map, pair.substring(0, eq), unquote(pair.substring(eq + 1).strip()), "column map '" + spec + "'");
        }
        return new ColumnMap(map);
    }

    /**
     * Reads a properties file (UTF-8) of {@code field = header} lines, e.g. {@code date = Date made}.
     *
     * @throws FaceCensusException when the file cannot be read or names an unknown field
     */
    public static ColumnMap read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new FaceCensusException("cannot read column map file " + file + " (" + e.getMessage()
                    + "); give a UTF-8 properties file with one 'field = header' a line, e.g. 'date = Date made'", e);
        }
        EnumMap<CatalogueField, String> map = new EnumMap<>(CatalogueField.class);
        // Sorted so that an error names the same entry on every run.
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            put(map, key, unquote(properties.getProperty(key).strip()), "column map file " + file);
        }
        return new ColumnMap(map);
    }

    private static void put(Map<CatalogueField, String> map, String fieldName, String header, String where) {
        CatalogueField field;
        try {
            field = CatalogueField.named(fieldName);
        } catch (FaceCensusException e) {
            throw new FaceCensusException(where + ": unknown catalogue field '" + fieldName.strip() + "' (for column '"
                    + header + "'); the fields are " + CatalogueField.names()
                    + " — write field=header, the catalogue field first", e);
        }
        if (map.containsKey(field)) {
            throw new FaceCensusException(where + ": field '" + field.key() + "' is given twice ('" + map.get(field)
                    + "' and '" + header + "'); give one column for it");
        }
        map.put(field, header);
    }

    /** Splits at commas outside double quotes. */
    private static List<String> splitPairs(String spec) {
        List<String> pairs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                pairs.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new FaceCensusException("column map '" + spec + "' has a quote that is not closed");
        }
        pairs.add(current.toString());
        pairs.removeIf(String::isBlank);
        return pairs;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text;
    }

    /** The map as {@link #parse} reads it, e.g. {@code id="Object number",date="Date made"}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        headers.forEach((f, h) -> parts.add(f.key() + "=\"" + h.replace("\"", "\"\"") + "\""));
        return String.join(",", parts);
    }
}
