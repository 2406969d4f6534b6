package org.facecensus.label;

import java.util.Map;

/**
 * One row of a census's {@code items.csv}: the item id, its image file relative to the collection
 * folder, and every other column (catalogue fields such as {@code tags}, {@code year_from}) by name.
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemId  the item id
 * @param file    the image path relative to the collection folder, '/'-separated; empty when none
 * @param columns every column of the row by header name, empty values included
 */
public record CensusItem(String itemId, String file, Map<String, String> columns) {
    public CensusItem {
        file = file == null ? "" : file;
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** The value of a column, or empty when the census has no such column. */
    public String column(String name) {
        return columns.getOrDefault(name, "");
    }
}
