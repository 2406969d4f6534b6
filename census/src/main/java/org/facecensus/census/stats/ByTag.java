package org.facecensus.census.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The statistics per catalogue tag; an item counts in every tag it has.
 *
 * <p>Thread-safety: immutable.
 *
 * @param minItems     a tag gets a row only with at least this many items
 * @param distinctTags tags in the catalogue, with a row or not
 * @param rows         the tags with at least {@code minItems} items, by items descending, then tag
 */
public record ByTag(int minItems, int distinctTags, List<Row> rows) {
    public ByTag {
        rows = List.copyOf(rows);
    }

    /**
     * One tag.
     *
     * <p>Thread-safety: immutable.
     *
     * @param tag     the tag, stripped
     * @param figures the tag's counts and shares, written into the same JSON object
     */
    @JsonPropertyOrder({"tag", "figures"})
    public record Row(String tag, @JsonUnwrapped GroupRow figures) implements GroupRow.Named {
        /** Not Jackson's creator: it cannot read an unwrapped component through it (see {@link #fromJson}). */
        @JsonCreator(mode = JsonCreator.Mode.DISABLED)
        public Row {
        }

        /** Reads the name and the figures of a row apart, both from the whole JSON object. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Row fromJson(JsonNode row) {
            return new Row(StatsJson.readPart(row, Name.class).tag(), StatsJson.readPart(row, GroupRow.class));
        }

        /** The field naming a row, read apart from its figures. */
        private record Name(String tag) {
        }

        @JsonIgnore
        @Override
        public String name() {
            return tag;
        }
    }
}
