package org.facecensus.census.collection;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.facecensus.census.CatalogDate;

/**
 * Fuzzes the catalogue date parser: it must never throw, and a date it reads must be a sane year range. The
 * input's bytes are read as UTF-8 so that the seeds in {@code CatalogDatesFuzzTestInputs/parse/} are plain
 * text files. A slow input (a regular expression backtracking) shows as a Jazzer timeout.
 */
class CatalogDatesFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void parse(byte[] data) {
        String raw = new String(data, StandardCharsets.UTF_8);
        CatalogDate date = CatalogDates.parse(raw);
        CatalogDates.statesNoDate(raw);
        if (date.fromYear() != null) {
            if (date.toYear() == null || date.fromYear() > date.toYear()
                    || date.fromYear() < 1000 || date.toYear() > 2100) {
                throw new AssertionError("implausible date " + date + " from " + raw);
            }
        }
    }
}
