package org.facecensus.census.collection;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.facecensus.FaceCensusException;

/**
 * The catalogue fields that {@link MetadataFile} reads into {@link org.facecensus.census.ItemMetadata}; every
 * other column is kept as an extra. A {@link ColumnMap} says which of a file's columns holds each of them.
 *
 * <p>Thread-safety: immutable.
 */
public enum CatalogueField {
    /** The item's id, joined to an image's name when it is one. */
    ID("id"),
    /** The image's file name or path relative to the collection. */
    FILE("file"),
    /** The item's title. */
    TITLE("title"),
    /** The date as written, read by {@link CatalogDates}. */
    DATE("date"),
    /** The designer or artist; a column named {@code artist} is read as it when there is no {@code designer}. */
    DESIGNER("designer"),
    /** A list (JSON) or text separated by ';'. */
    TAGS("tags"),
    /** Prose notes, read by the description miner. */
    DESCRIPTION("description");

    private final String key;

    CatalogueField(String key) {
        this.key = key;
    }

    /** The field's name in a catalogue header, lower case ({@code id}, {@code date}, ...). */
    public String key() {
        return key;
    }

    /**
     * The field called {@code name} (case-insensitive; {@code artist} is {@link #DESIGNER}).
     *
     * @throws FaceCensusException naming the known fields when there is none of that name
     */
    public static CatalogueField named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("artist")) {
            return DESIGNER;
        }
        for (CatalogueField f : values()) {
            if (f.key.equals(wanted)) {
                return f;
            }
        }
        throw new FaceCensusException("unknown catalogue field '" + name.strip() + "'; the fields are " + names());
    }

    /** The fields' names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(CatalogueField::key).collect(Collectors.joining(", "));
    }
}
