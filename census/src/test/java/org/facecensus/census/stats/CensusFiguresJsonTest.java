package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stats.json} is written from the statistics records and read back into equal ones. */
class CensusFiguresJsonTest {
    @TempDir
    Path dir;

    /** With every part filled: error rates, bootstrap intervals (enough items), descriptions. */
    private static CensusFigures full() {
        return CensusStatistics.compute(CensusStatisticsTest.tripled(),
                new StatsOptions(2, CensusStatisticsTest.RATES, 200, 5, new CensusStatisticsTest.HandMiner()));
    }

    @Test
    void roundTripsThroughStatsJsonUnchanged() {
        for (CensusFigures stats : List.of(full(),
                CensusStatistics.compute(CensusStatisticsTest.ITEMS, StatsOptions.defaults()),
                CensusStatistics.compute(List.of(), StatsOptions.defaults()))) {
            Path file = dir.resolve("stats.json");
            CensusStatistics.write(file, stats);
            CensusFigures read = CensusStatistics.read(file);
            assertEquals(stats, read);
            // And written again, byte for byte the same file.
            assertEquals(CensusStatistics.toJson(stats), CensusStatistics.toJson(read));
        }
        CensusFigures stats = full();
        assertNotNull(stats.overall().shareOfWomen().itemBootstrap95(), "the round trip covers bootstrap intervals");
        assertNotNull(stats.descriptions(), "and descriptions");
    }

    /** The field order of the schema documented in {@link CensusStatistics}, which readers may rely on. */
    @Test
    void fieldsInSchemaOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CensusStatistics.toJson(full()));
        assertEquals(List.of("schema", "totals", "overall", "classifier", "composition", "facesPerItem", "byDecade",
                "byTag", "descriptions", "prominence", "trend", "comparisons", "method"), names(json));
        assertEquals(List.of("items", "itemsAnalysed", "itemsFailed", "itemsWithoutMetadata", "itemsWithFaces", "faces",
                "women", "men", "unknown", "faceErrors"), names(json.get("totals")));
        List<String> group = List.of("items", "itemsAnalysed", "itemsFailed", "itemsWithFaces", "faces", "women", "men",
                "unknown", "shareOfWomen", "correctedShareOfWomen");
        assertEquals(group, names(json.get("overall")));
        List<String> decade = new ArrayList<>(List.of("decade", "fromYear"));
        decade.addAll(group);
        assertEquals(decade, names(json.get("byDecade").get("rows").get(0)));
        List<String> tag = new ArrayList<>(List.of("tag"));
        tag.addAll(group);
        assertEquals(tag, names(json.get("byTag").get("rows").get(0)));
        assertEquals(List.of("rows", "undated", "unparsedDates", "spanningDates"), names(json.get("byDecade")));
        assertEquals(List.of("minItems", "distinctTags", "rows"), names(json.get("byTag")));
        assertEquals(List.of("women", "decided", "estimate", "wilson95", "itemBootstrap95"),
                names(json.get("overall").get("shareOfWomen")));
        assertEquals(List.of("estimate", "clamped", "bootstrap95", "undefinedSamples", "correctedWilson95"),
                names(json.get("overall").get("correctedShareOfWomen")));
        assertEquals(List.of("name", "source", "confusion", "decidedWomen", "decidedMen", "sensitivity", "specificity",
                "accuracy", "accuracyWilson95"), names(json.get("classifier")));
        assertEquals(List.of("miner", "itemsWithDescription", "itemsWithMentions", "minerErrors", "mentions",
                "itemsMentioning", "topTerms", "byDecade"), names(json.get("descriptions")));
        assertEquals(List.of("shares", "interval", "correction", "bootstrap"), names(json.get("method")));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A misspelt field is an error, not a figure silently missing. */
    @Test
    void misspeltFieldIsRefused() throws Exception {
        Path file = dir.resolve("stats.json");
        Files.writeString(file, CensusStatistics.toJson(full()).replace("\"shareOfWomen\"", "\"shareOfWoman\""));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> CensusStatistics.read(file));
        assertTrue(e.getMessage().contains("shareOfWoman") && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
