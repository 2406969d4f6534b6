package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import org.junit.jupiter.api.Test;

/**
 * Aggregation over eight hand-made items whose every figure was counted by hand (see the table in
 * {@link #ITEMS}).
 */
class CensusStatisticsTest {
    static final Gender F = Gender.FEMALE;
    static final Gender M = Gender.MALE;
    static final Gender U = Gender.UNKNOWN;

    static ItemRecord item(String id, CatalogDate date, List<String> tags, String description, Gender... faces) {
        List<FaceRecord> list = new ArrayList<>();
        for (int i = 0; i < faces.length; i++) {
            list.add(new FaceRecord(id, i, 10 * i, 5, 40, 40, 0.9, faces[i], faces[i] == U ? Double.NaN : 0.8,
                    "crops/" + id + "_" + i + ".jpg", ""));
        }
        ItemMetadata metadata = date == null ? null : new ItemMetadata(id, "Title " + id, date, "", tags, description, Map.of());
        return new ItemRecord(id, id + ".jpg", metadata, list, "", "");
    }

    static CatalogDate year(int y) {
        return new CatalogDate(Integer.toString(y), y, y);
    }

    /**
     * <pre>
     * id  date            tags                 faces    composition
     * a   1965            worker, factory      F M      mixed
     * b   1968            worker               F        one-woman
     * c   1972            worker, army         M M U    men-only
     * d   "undated poster" (unparsed) army     M        one-man
     * e   1965-1972 (spans decades) army       -        none
     * f   1961            worker               failed (truncated image)
     * g   no metadata                          U        undetermined
     * h   1975            worker, worker       F F      women-only
     * </pre>
     */
    static final List<ItemRecord> ITEMS = List.of(
            item("a", year(1965), List.of("worker", "factory"), "A woman and a man.", F, M),
            item("b", year(1968), List.of("worker"), "", F),
            item("c", year(1972), List.of("worker", "army"), "Two soldiers.", M, M, U),
            item("d", CatalogDate.unparsed("undated poster"), List.of("army"), "", M),
            item("e", new CatalogDate("1965-1972", 1965, 1972), List.of("army"), "", new Gender[0]),
            new ItemRecord("f", "f.jpg", new ItemMetadata("f", "", year(1961), "", List.of("worker"), "", Map.of()),
                    List.of(), "truncated JPEG", "TRUNCATED"),
            item("g", null, List.of(), "", U),
            item("h", year(1975), List.of("worker", "worker"), "", F, F));

    static final ClassifierErrorRates RATES = new ClassifierErrorRates("test", 90, 10, 160, 40, "eval.json");

    private static StatsOptions options(ClassifierErrorRates rates, DescriptionMiner miner) {
        return new StatsOptions(2, rates, 500, 11, miner);
    }

    @Test
    void totals() {
        JsonNode totals = CensusStatistics.compute(ITEMS, options(null, null)).get("totals");
        assertEquals(8, totals.get("items").asInt());
        assertEquals(7, totals.get("itemsAnalysed").asInt());
        assertEquals(1, totals.get("itemsFailed").asInt());
        assertEquals(1, totals.get("itemsWithoutMetadata").asInt());
        assertEquals(6, totals.get("itemsWithFaces").asInt());
        assertEquals(10, totals.get("faces").asInt());
        assertEquals(4, totals.get("women").asInt());
        assertEquals(4, totals.get("men").asInt());
        assertEquals(2, totals.get("unknown").asInt());
    }

    /** 4 of 8 decided: Wilson 95 % for 4/8 is [0.2152, 0.7848] (centre 0.5, half-width 0.2848). */
    @Test
    void overallShareWithWilsonInterval() {
        JsonNode share = CensusStatistics.compute(ITEMS, options(null, null)).get("overall").get("shareOfWomen");
        assertEquals(4, share.get("women").asInt());
        assertEquals(8, share.get("decided").asInt());
        assertEquals(0.5, share.get("estimate").asDouble());
        assertEquals(0.2152, share.get("wilson95").get("low").asDouble());
        assertEquals(0.7848, share.get("wilson95").get("high").asDouble());
        // Five items with labelled faces: too few for a bootstrap.
        assertTrue(share.get("itemBootstrap95").isNull());
    }

    /** The eight items three times over (ids made unique): 15 items with labelled faces, same shares. */
    static List<ItemRecord> tripled() {
        List<ItemRecord> list = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (ItemRecord item : ITEMS) {
                list.add(new ItemRecord(item.itemId() + copy, item.file(), item.metadata(), item.faces(), item.error(), item.problem()));
            }
        }
        return list;
    }

    @Test
    void bootstrapIntervalsOnceThereAreEnoughItems() {
        ObjectNode stats = CensusStatistics.compute(tripled(), options(RATES, null));
        JsonNode observed = stats.get("overall").get("shareOfWomen");
        assertEquals(0.5, observed.get("estimate").asDouble());
        assertTrue(observed.get("itemBootstrap95").get("low").asDouble() <= 0.5);
        assertTrue(observed.get("itemBootstrap95").get("high").asDouble() >= 0.5);
        JsonNode corrected = stats.get("overall").get("correctedShareOfWomen");
        assertEquals(0.4286, corrected.get("estimate").asDouble());
        double low = corrected.get("bootstrap95").get("low").asDouble();
        double high = corrected.get("bootstrap95").get("high").asDouble();
        assertTrue(low <= 0.4286 && 0.4286 <= high, low + " " + high);
        // The army tag has no labelled woman: no bootstrap, however many items.
        JsonNode army = stats.get("byTag").get("rows").get(1);
        assertEquals("army", army.get("tag").asText());
        assertTrue(army.get("shareOfWomen").get("itemBootstrap95").isNull());
        assertTrue(army.get("correctedShareOfWomen").get("bootstrap95").isNull());
    }

    @Test
    void compositionCountsAndShares() {
        JsonNode composition = CensusStatistics.compute(ITEMS, options(null, null)).get("composition");
        assertEquals(7, composition.get("analysedItems").asInt());
        List<String> labels = new ArrayList<>();
        for (JsonNode row : composition.get("rows")) {
            labels.add(row.get("composition").asText());
            // One analysed item of each kind: 1/7 = 0.1429, Wilson [0.0257, 0.5131].
            assertEquals(1, row.get("items").asInt(), row.toString());
            assertEquals(0.1429, row.get("share").asDouble());
            assertEquals(0.0257, row.get("wilson95").get("low").asDouble());
            assertEquals(0.5131, row.get("wilson95").get("high").asDouble());
        }
        assertEquals(List.of("none", "one-man", "one-woman", "men-only", "women-only", "mixed", "undetermined"), labels);
    }

    @Test
    void facesPerItemHistogram() {
        JsonNode bins = CensusStatistics.compute(ITEMS, options(null, null)).get("facesPerItem");
        assertEquals(11, bins.size());
        assertEquals("0", bins.get(0).get("faces").asText());
        assertEquals(1, bins.get(0).get("items").asInt()); // e
        assertEquals(3, bins.get(1).get("items").asInt()); // b d g
        assertEquals(2, bins.get(2).get("items").asInt()); // a h
        assertEquals(1, bins.get(3).get("items").asInt()); // c
        assertEquals("10+", bins.get(10).get("faces").asText());
        assertEquals(0, bins.get(10).get("items").asInt());
    }

    @Test
    void perDecade() {
        JsonNode byDecade = CensusStatistics.compute(ITEMS, options(null, null)).get("byDecade");
        JsonNode rows = byDecade.get("rows");
        assertEquals(3, rows.size());
        JsonNode sixties = rows.get(0);
        assertEquals("1960s", sixties.get("decade").asText());
        assertEquals(1960, sixties.get("fromYear").asInt());
        assertEquals(3, sixties.get("items").asInt()); // a b f
        assertEquals(2, sixties.get("itemsAnalysed").asInt());
        assertEquals(1, sixties.get("itemsFailed").asInt());
        assertEquals(3, sixties.get("faces").asInt());
        assertEquals(2, sixties.get("women").asInt());
        assertEquals(1, sixties.get("men").asInt());
        assertEquals(0.6667, sixties.get("shareOfWomen").get("estimate").asDouble());
        // Wilson 95 % for 2/3: [0.2077, 0.9385].
        assertEquals(0.2077, sixties.get("shareOfWomen").get("wilson95").get("low").asDouble());
        assertEquals(0.9385, sixties.get("shareOfWomen").get("wilson95").get("high").asDouble());

        JsonNode seventies = rows.get(1);
        assertEquals("1970s", seventies.get("decade").asText());
        assertEquals(2, seventies.get("items").asInt()); // c h
        assertEquals(5, seventies.get("faces").asInt());
        assertEquals(2, seventies.get("women").asInt());
        assertEquals(2, seventies.get("men").asInt());
        assertEquals(1, seventies.get("unknown").asInt());
        assertEquals(0.5, seventies.get("shareOfWomen").get("estimate").asDouble());

        JsonNode undated = rows.get(2);
        assertEquals("undated", undated.get("decade").asText());
        assertTrue(undated.get("fromYear").isNull());
        assertEquals(3, undated.get("items").asInt()); // d e g
        assertEquals(2, undated.get("faces").asInt());
        assertEquals(0, undated.get("women").asInt());
        assertEquals(1, undated.get("men").asInt());
        assertEquals(0.0, undated.get("shareOfWomen").get("estimate").asDouble());

        assertEquals(1, byDecade.get("undated").get("noDate").asInt());
        assertEquals(1, byDecade.get("undated").get("unparsed").asInt());
        assertEquals(1, byDecade.get("undated").get("spansDecades").asInt());
        assertEquals("undated poster", byDecade.get("unparsedDates").get(0).get("raw").asText());
        assertEquals("1965-1972", byDecade.get("spanningDates").get(0).get("raw").asText());
    }

    @Test
    void perTagWithMinimumItems() {
        JsonNode byTag = CensusStatistics.compute(ITEMS, options(null, null)).get("byTag");
        assertEquals(2, byTag.get("minItems").asInt());
        assertEquals(3, byTag.get("distinctTags").asInt()); // worker, factory, army
        JsonNode rows = byTag.get("rows");
        assertEquals(2, rows.size()); // factory has one item
        JsonNode worker = rows.get(0);
        assertEquals("worker", worker.get("tag").asText());
        assertEquals(5, worker.get("items").asInt()); // a b c f h; h's duplicate tag counts once
        assertEquals(4, worker.get("itemsAnalysed").asInt());
        assertEquals(8, worker.get("faces").asInt());
        assertEquals(4, worker.get("women").asInt());
        assertEquals(3, worker.get("men").asInt());
        // 4/7 = 0.5714, Wilson [0.2505, 0.8418]
        assertEquals(0.5714, worker.get("shareOfWomen").get("estimate").asDouble());
        assertEquals(0.2505, worker.get("shareOfWomen").get("wilson95").get("low").asDouble());
        assertEquals(0.8418, worker.get("shareOfWomen").get("wilson95").get("high").asDouble());
        JsonNode army = rows.get(1);
        assertEquals("army", army.get("tag").asText());
        assertEquals(3, army.get("items").asInt()); // c d e
        assertEquals(4, army.get("faces").asInt());
        assertEquals(3, army.get("men").asInt());
    }

    /**
     * se = 0.9, sp = 0.8 (J = 0.7): overall (0.5 − 0.2) / 0.7 = 0.4286; worker (4/7 − 0.2) / 0.7 =
     * 0.5306; army (0 − 0.2) / 0.7 &lt; 0, clamped to 0.
     */
    @Test
    void correctedShares() {
        ObjectNode stats = CensusStatistics.compute(ITEMS, options(RATES, null));
        JsonNode overall = stats.get("overall").get("correctedShareOfWomen");
        assertEquals(0.4286, overall.get("estimate").asDouble());
        assertFalse(overall.get("clamped").asBoolean());
        assertTrue(overall.get("bootstrap95").isNull()); // five items with labelled faces
        // Wilson [0.21522, 0.78478] through the correction: (0.21522 − 0.2) / 0.7 = 0.0217,
        // (0.78478 − 0.2) / 0.7 = 0.8354.
        assertEquals(0.0217, overall.get("correctedWilson95").get("low").asDouble());
        assertEquals(0.8354, overall.get("correctedWilson95").get("high").asDouble());
        JsonNode worker = stats.get("byTag").get("rows").get(0).get("correctedShareOfWomen");
        assertEquals(0.5306, worker.get("estimate").asDouble());
        JsonNode army = stats.get("byTag").get("rows").get(1).get("correctedShareOfWomen");
        assertEquals(0.0, army.get("estimate").asDouble());
        assertTrue(army.get("clamped").asBoolean());

        JsonNode classifier = stats.get("classifier");
        assertEquals(0.9, classifier.get("sensitivity").asDouble());
        assertEquals(0.8, classifier.get("specificity").asDouble());
        assertEquals(0.8333, classifier.get("accuracy").asDouble());
        // Wilson 95 % for 250/300: [0.7870, 0.8712]
        assertEquals(0.787, classifier.get("accuracyWilson95").get("low").asDouble());
        assertEquals(0.8712, classifier.get("accuracyWilson95").get("high").asDouble());
    }

    @Test
    void chanceClassifierIsRefused() {
        ClassifierErrorRates chance = new ClassifierErrorRates("coin", 5, 5, 5, 5, "coin.json");
        org.facecensus.FaceCensusException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.facecensus.FaceCensusException.class, () -> CensusStatistics.compute(ITEMS, options(chance, null)));
        assertTrue(e.getMessage().contains("coin.json") && e.getMessage().contains("no better than chance"), e.getMessage());
    }

    @Test
    void writesIndentedJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ObjectNode stats = CensusStatistics.compute(ITEMS, options(RATES, null));
        java.nio.file.Path file = dir.resolve("out/stats.json");
        CensusStatistics.write(file, stats);
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.startsWith("{\n  \"schema\" : \"facecensus-census-stats/1\""), text.substring(0, 50));
        // Read back, it is the same JSON (compared as text: a parsed 8 is an int node, a written one a long).
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.writeValueAsString(stats), json.writeValueAsString(json.readTree(text)));
    }

    @Test
    void withoutErrorRatesNothingIsCorrected() {
        ObjectNode stats = CensusStatistics.compute(ITEMS, options(null, null));
        assertTrue(stats.get("classifier").isNull());
        assertTrue(stats.get("overall").get("correctedShareOfWomen").isNull());
        assertTrue(stats.get("descriptions").isNull());
    }

    @Test
    void deterministic() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DescriptionMiner miner = new HandMiner();
        String first = json.writeValueAsString(CensusStatistics.compute(ITEMS, options(RATES, miner)));
        String second = json.writeValueAsString(CensusStatistics.compute(List.copyOf(ITEMS), options(RATES, miner)));
        assertEquals(first, second);
        assertTrue(first.startsWith("{\"schema\":\"facecensus-census-stats/1\",\"totals\""), first.substring(0, 60));
    }

    /** The mentions a reader finds in the two hand-made descriptions. */
    static final class HandMiner implements DescriptionMiner {
        @Override
        public String name() {
            return "hand";
        }

        @Override
        public List<Mention> mine(String description) {
            return switch (description) {
                case "A woman and a man." -> List.of(new Mention(F, "woman", "A woman", 0), new Mention(M, "man", "a man", 0));
                case "Two soldiers." -> throw new IllegalStateException("a miner bug on one description");
                default -> List.of();
            };
        }
    }

    @Test
    void descriptionsByGenderAndDecade() {
        JsonNode d = CensusStatistics.compute(ITEMS, options(null, new HandMiner())).get("descriptions");
        assertEquals("hand", d.get("miner").asText());
        assertEquals(2, d.get("itemsWithDescription").asInt());
        assertEquals(1, d.get("itemsWithMentions").asInt());
        assertEquals(1, d.get("minerErrors").asInt()); // the run goes on past the failing description
        assertEquals(1, d.get("mentions").get("female").asInt());
        assertEquals(1, d.get("mentions").get("male").asInt());
        assertEquals("woman", d.get("topTerms").get("female").get(0).get("term").asText());
        assertEquals("man", d.get("topTerms").get("male").get(0).get("term").asText());
        JsonNode decades = d.get("byDecade");
        assertEquals("1960s", decades.get(0).get("decade").asText());
        assertEquals(1, decades.get(0).get("female").asInt());
        assertEquals("1970s", decades.get(1).get("decade").asText());
        assertEquals(0, decades.get(1).get("female").asInt());
    }
}
