package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facecensus.FaceCensus;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.junit.jupiter.api.Test;

/** The real description miner over real catalogue records, read from the shared poster notes. */
class DescriptionStatisticsTest {

    @Test
    void realMinerOnRealRecords() throws Exception {
        String shared = System.getProperty("facecensus.shared");
        assumeTrue(shared != null && !shared.contains("${"), "facecensus.shared is not set");
        Path records = Path.of(shared, "data", "poster-notes", "records.jsonl");
        assumeTrue(Files.isRegularFile(records), "missing " + records);
        ObjectMapper json = new ObjectMapper();
        List<ItemRecord> items = new ArrayList<>();
        for (String line : Files.readAllLines(records, StandardCharsets.UTF_8)) {
            JsonNode r = json.readTree(line);
            String id = r.get("id").asText();
            // c15-748 (1949): "The male peasant is holding a land property deed." — one man, a peasant.
            // c18-34 (ca. 1965-1970): "A full-size image that can be printed to play the game is here." — nobody.
            if (id.equals("c15-748") || id.equals("c18-34")) {
                CatalogDate date = id.equals("c15-748") ? new CatalogDate("1949", 1949, 1949)
                        : new CatalogDate("Ca. 1965-1970", 1965, 1970);
                items.add(new ItemRecord(id, id + ".jpg", new ItemMetadata(id, r.get("title").asText(), date, "",
                        List.of(), r.get("description").asText(), Map.of()), List.of(), "", ""));
            }
        }
        assertEquals(2, items.size());
        DescriptionFigures d = CensusStatistics.compute(items, new StatsOptions(10, null, 0, 1,
                FaceCensus.descriptionMiner("default"))).descriptions();
        assertEquals("default", d.miner());
        assertEquals(2, d.itemsWithDescription());
        assertEquals(1, d.itemsWithMentions());
        assertEquals(0, d.mentions().female());
        assertEquals(1, d.mentions().male());
        assertEquals("peasant", d.topTerms().male().get(0).term());
        assertEquals("1940s", d.byDecade().get(0).decade());
        assertEquals(1, d.byDecade().get(0).male());
        assertEquals("undated", d.byDecade().get(1).decade());
    }
}
