package org.facecensus.census.stats;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jackson mappers of the statistics records.
 *
 * <p>Thread-safety: immutable (configured once, then only used).
 */
final class StatsJson {
    /** Reads and writes {@code stats.json}; unknown fields fail a read, so a misspelt field is noticed. */
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PARTS = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatsJson() {
    }

    /**
     * Reads the fields of {@code type} out of an object that has others as well. Rows of decades and
     * tags hold their name and their {@link GroupRow} figures in one JSON object; Jackson 2.18 writes
     * such a {@code @JsonUnwrapped} record component but cannot read one through a record's
     * constructor, so those rows read each part from the whole object.
     */
    static <T> T readPart(JsonNode object, Class<T> type) {
        return PARTS.convertValue(object, type);
    }
}
