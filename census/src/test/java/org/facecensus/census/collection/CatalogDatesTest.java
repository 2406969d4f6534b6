package org.facecensus.census.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.SharedPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogDatesTest {

    /** Every form below occurs in the poster-notes catalogue records, written exactly so. */
    @ParameterizedTest(name = "''{0}'' -> {1}..{2}")
    @CsvSource(delimiter = '|', value = {
            "1949|1949|1949",
            "1917.|1917|1917",
            "1953, November|1953|1953",
            "11 October 1917|1917|1917",
            "12 October 1939.|1939|1939",
            "August 1939.|1939|1939",
            "22 August 1947.|1947|1947",
            "1970s|1970|1979",
            "1980s.|1980|1989",
            "mid 1960s|1964|1966",
            "Ca. 1960s.|1960|1969",
            "Ca. 1965-1970|1965|1970",
            "ca. 1936-7.|1936|1937",
            "ca. 1940s, 50s.|1940|1959",
            "ca. 1914|1914|1914",
            "circa 1914 - 1918|1914|1918",
            "circa 1940-1945|1940|1945",
            "Undated, circa 1938.|1938|1938",
            // Forms named in the issue, not in the records file:
            "ca. 1941-2.|1941|1942",
            "1960-1965|1960|1965",
            "c. 1950|1950|1950",
            "1950s-1960s|1950|1969",
            "late 1920s|1927|1929",
            "early 1930s|1930|1933",
            // ISO dates, as spreadsheets and collection systems export them (and .xlsx date cells are read):
            "1947-08-22|1947|1947",
            "1917-10-11T00:00|1917|1917",
    })
    void readsCatalogueForms(String raw, int from, int to) {
        CatalogDate date = CatalogDates.parse(raw);
        assertEquals(raw, date.raw());
        assertEquals(from, date.fromYear(), raw);
        assertEquals(to, date.toYear(), raw);
    }

    @ParameterizedTest(name = "''{0}'' is reported, not guessed")
    @CsvSource(delimiter = '|', value = {"NA.", "n.d.", "19th century", "1900s", "spring", "1965-1960", "31 February",
            "1965 or 1966", "45 May 1960",
            "1947-13-22"})
    void leavesWhatItCannotReadExactlyUnparsed(String raw) {
        CatalogDate date = CatalogDates.parse(raw);
        assertFalse(date.parsed(), raw);
        assertEquals(raw, date.raw());
        assertNull(date.decade());
    }

    @Test
    void tellsStatedAbsenceFromUnreadableDates() {
        assertTrue(CatalogDates.statesNoDate("n.d."));
        assertTrue(CatalogDates.statesNoDate("NA."));
        assertTrue(CatalogDates.statesNoDate(""));
        assertFalse(CatalogDates.statesNoDate("19th century"));
    }

    @Test
    void decadesOfRangesWithinOneDecadeOnly() {
        assertEquals(1960, CatalogDates.parse("mid 1960s").decade());
        assertNull(CatalogDates.parse("1950s-1960s").decade());
        assertEquals(1930, CatalogDates.parse("ca. 1936-7.").decade());
    }

    @Test
    void everyRealCatalogueDateIsReadOrReportedAsNoDate() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> unread = new ArrayList<>();
        Set<String> noDate = new TreeSet<>();
        int parsed = 0;
        for (String line : Files.readAllLines(SharedPhotos.data("poster-notes/records.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode record = json.readTree(line);
            String raw = record.path("date").asText("");
            CatalogDate date = CatalogDates.parse(raw);
            if (date.parsed()) {
                parsed++;
                assertTrue(date.fromYear() >= 1880 && date.toYear() <= 2010, raw + " -> " + date);
                assertTrue(raw.contains(Integer.toString(date.fromYear()).substring(0, 3)), raw + " -> " + date);
            } else if (CatalogDates.statesNoDate(raw)) {
                noDate.add(raw);
            } else {
                unread.add(raw);
            }
        }
        assertEquals(List.of(), unread, "real dates neither read nor stating 'no date'");
        assertEquals(Set.of("NA."), noDate);
        assertEquals(149, parsed);
    }
}
