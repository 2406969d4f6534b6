package org.facecensus.census.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The statistics per decade of the catalogue date, and why undated items are undated.
 *
 * <p>Thread-safety: immutable.
 *
 * @param rows          one per decade, ascending, then one for the undated items (if any)
 * @param undated       how many items are undated for which reason
 * @param unparsedDates the dates that could not be read, sorted by raw text
 * @param spanningDates the date ranges spanning more than one decade, sorted by raw text
 */
public record ByDecade(List<Row> rows, Undated undated, List<RawDate> unparsedDates, List<RawDate> spanningDates) {
    /** The label of the row of items that have no single decade. */
    public static final String UNDATED = "undated";

    public ByDecade {
        rows = List.copyOf(rows);
        unparsedDates = List.copyOf(unparsedDates);
        spanningDates = List.copyOf(spanningDates);
    }

    /**
     * One decade.
     *
     * <p>Thread-safety: immutable.
     *
     * @param decade   "1960s", or {@value #UNDATED}
     * @param fromYear the decade's first year, null for the undated row
     * @param figures  the decade's counts and shares, written into the same JSON object
     */
    @JsonPropertyOrder({"decade", "fromYear", "figures"})
    public record Row(String decade, Integer fromYear, @JsonUnwrapped GroupRow figures) implements GroupRow.Named {
        /** Not Jackson's creator: it cannot read an unwrapped component through it (see {@link #fromJson}). */
        @JsonCreator(mode = JsonCreator.Mode.DISABLED)
        public Row {
        }

        /** Reads the name and the figures of a row apart, both from the whole JSON object. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Row fromJson(JsonNode row) {
            Name name = StatsJson.readPart(row, Name.class);
            return new Row(name.decade(), name.fromYear(), StatsJson.readPart(row, GroupRow.class));
        }

        /** The fields naming a row, read apart from its figures. */
        private record Name(String decade, Integer fromYear) {
        }

        @JsonIgnore
        @Override
        public String name() {
            return decade;
        }
    }

    /**
     * Items not placed in a decade, by reason.
     *
     * <p>Thread-safety: immutable.
     *
     * @param noDate       items without a date (or without a catalogue row)
     * @param unparsed     items whose date could not be read
     * @param spansDecades items whose date range spans more than one decade
     */
    public record Undated(long noDate, long unparsed, long spansDecades) {
        /** Items in the undated row. */
        public long total() {
            return noDate + unparsed + spansDecades;
        }
    }

    /**
     * A catalogue date as written, and how many items have it.
     *
     * <p>Thread-safety: immutable.
     */
    public record RawDate(String raw, long items) {
    }
}
