package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        Totals totals = CensusStatistics.compute(ITEMS, options(null, null)).totals();
        assertEquals(8, totals.items());
        assertEquals(7, totals.itemsAnalysed());
        assertEquals(1, totals.itemsFailed());
        assertEquals(1, totals.itemsWithoutMetadata());
        assertEquals(6, totals.itemsWithFaces());
        assertEquals(10, totals.faces());
        assertEquals(4, totals.women());
        assertEquals(4, totals.men());
        assertEquals(2, totals.unknown());
    }

    /** 4 of 8 decided: Wilson 95 % for 4/8 is [0.2152, 0.7848] (centre 0.5, half-width 0.2848). */
    @Test
    void overallShareWithWilsonInterval() {
        ShareOfWomen share = CensusStatistics.compute(ITEMS, options(null, null)).overall().shareOfWomen();
        assertEquals(4, share.women());
        assertEquals(8, share.decided());
        assertEquals(0.5, share.estimate());
        assertEquals(0.2152, share.wilson95().low());
        assertEquals(0.7848, share.wilson95().high());
        // Five items with labelled faces: too few for a bootstrap.
        assertNull(share.itemBootstrap95());
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
        CensusFigures stats = CensusStatistics.compute(tripled(), options(RATES, null));
        ShareOfWomen observed = stats.overall().shareOfWomen();
        assertEquals(0.5, observed.estimate());
        assertTrue(observed.itemBootstrap95().low() <= 0.5);
        assertTrue(observed.itemBootstrap95().high() >= 0.5);
        CorrectedShareOfWomen corrected = stats.overall().correctedShareOfWomen();
        assertEquals(0.4286, corrected.estimate());
        double low = corrected.bootstrap95().low();
        double high = corrected.bootstrap95().high();
        assertTrue(low <= 0.4286 && 0.4286 <= high, low + " " + high);
        // The army tag has no labelled woman: no bootstrap, however many items.
        ByTag.Row army = stats.byTag().rows().get(1);
        assertEquals("army", army.tag());
        assertNull(army.figures().shareOfWomen().itemBootstrap95());
        assertNull(army.figures().correctedShareOfWomen().bootstrap95());
    }

    @Test
    void compositionCountsAndShares() {
        CompositionFigures composition = CensusStatistics.compute(ITEMS, options(null, null)).composition();
        assertEquals(7, composition.analysedItems());
        List<String> labels = new ArrayList<>();
        for (CompositionFigures.Row row : composition.rows()) {
            labels.add(row.composition());
            // One analysed item of each kind: 1/7 = 0.1429, Wilson [0.0257, 0.5131].
            assertEquals(1, row.items(), row.toString());
            assertEquals(0.1429, row.share());
            assertEquals(0.0257, row.wilson95().low());
            assertEquals(0.5131, row.wilson95().high());
        }
        assertEquals(List.of("none", "one-man", "one-woman", "men-only", "women-only", "mixed", "undetermined"), labels);
    }

    @Test
    void facesPerItemHistogram() {
        List<CensusFigures.FacesPerItem> bins = CensusStatistics.compute(ITEMS, options(null, null)).facesPerItem();
        assertEquals(11, bins.size());
        assertEquals("0", bins.get(0).faces());
        assertEquals(1, bins.get(0).items()); // e
        assertEquals(3, bins.get(1).items()); // b d g
        assertEquals(2, bins.get(2).items()); // a h
        assertEquals(1, bins.get(3).items()); // c
        assertEquals("10+", bins.get(10).faces());
        assertEquals(0, bins.get(10).items());
    }

    @Test
    void perDecade() {
        ByDecade byDecade = CensusStatistics.compute(ITEMS, options(null, null)).byDecade();
        List<ByDecade.Row> rows = byDecade.rows();
        assertEquals(3, rows.size());
        ByDecade.Row sixtiesRow = rows.get(0);
        GroupRow sixties = sixtiesRow.figures();
        assertEquals("1960s", sixtiesRow.decade());
        assertEquals(1960, sixtiesRow.fromYear());
        assertEquals(3, sixties.items()); // a b f
        assertEquals(2, sixties.itemsAnalysed());
        assertEquals(1, sixties.itemsFailed());
        assertEquals(3, sixties.faces());
        assertEquals(2, sixties.women());
        assertEquals(1, sixties.men());
        assertEquals(0.6667, sixties.shareOfWomen().estimate());
        // Wilson 95 % for 2/3: [0.2077, 0.9385].
        assertEquals(0.2077, sixties.shareOfWomen().wilson95().low());
        assertEquals(0.9385, sixties.shareOfWomen().wilson95().high());

        ByDecade.Row seventiesRow = rows.get(1);
        GroupRow seventies = seventiesRow.figures();
        assertEquals("1970s", seventiesRow.decade());
        assertEquals(2, seventies.items()); // c h
        assertEquals(5, seventies.faces());
        assertEquals(2, seventies.women());
        assertEquals(2, seventies.men());
        assertEquals(1, seventies.unknown());
        assertEquals(0.5, seventies.shareOfWomen().estimate());

        ByDecade.Row undatedRow = rows.get(2);
        GroupRow undated = undatedRow.figures();
        assertEquals("undated", undatedRow.decade());
        assertNull(undatedRow.fromYear());
        assertEquals(3, undated.items()); // d e g
        assertEquals(2, undated.faces());
        assertEquals(0, undated.women());
        assertEquals(1, undated.men());
        assertEquals(0.0, undated.shareOfWomen().estimate());

        assertEquals(1, byDecade.undated().noDate());
        assertEquals(1, byDecade.undated().unparsed());
        assertEquals(1, byDecade.undated().spansDecades());
        assertEquals("undated poster", byDecade.unparsedDates().get(0).raw());
        assertEquals("1965-1972", byDecade.spanningDates().get(0).raw());
    }

    @Test
    void perTagWithMinimumItems() {
        ByTag byTag = CensusStatistics.compute(ITEMS, options(null, null)).byTag();
        assertEquals(2, byTag.minItems());
        assertEquals(3, byTag.distinctTags()); // worker, factory, army
        List<ByTag.Row> rows = byTag.rows();
        assertEquals(2, rows.size()); // factory has one item
        assertEquals("worker", rows.get(0).tag());
        GroupRow worker = rows.get(0).figures();
        assertEquals(5, worker.items()); // a b c f h; h's duplicate tag counts once
        assertEquals(4, worker.itemsAnalysed());
        assertEquals(8, worker.faces());
        assertEquals(4, worker.women());
        assertEquals(3, worker.men());
        // 4/7 = 0.5714, Wilson [0.2505, 0.8418]
        assertEquals(0.5714, worker.shareOfWomen().estimate());
        assertEquals(0.2505, worker.shareOfWomen().wilson95().low());
        assertEquals(0.8418, worker.shareOfWomen().wilson95().high());
        assertEquals("army", rows.get(1).tag());
        GroupRow army = rows.get(1).figures();
        assertEquals(3, army.items()); // c d e
        assertEquals(4, army.faces());
        assertEquals(3, army.men());
    }

    /**
     * se = 0.9, sp = 0.8 (J = 0.7): overall (0.5 − 0.2) / 0.7 = 0.4286; worker (4/7 − 0.2) / 0.7 =
     * 0.5306; army (0 − 0.2) / 0.7 &lt; 0, clamped to 0.
     */
    @Test
    void correctedShares() {
        CensusFigures stats = CensusStatistics.compute(ITEMS, options(RATES, null));
        CorrectedShareOfWomen overall = stats.overall().correctedShareOfWomen();
        assertEquals(0.4286, overall.estimate());
        assertFalse(overall.clamped());
        assertNull(overall.bootstrap95()); // five items with labelled faces
        // Wilson [0.21522, 0.78478] through the correction: (0.21522 − 0.2) / 0.7 = 0.0217,
        // (0.78478 − 0.2) / 0.7 = 0.8354.
        assertEquals(0.0217, overall.correctedWilson95().low());
        assertEquals(0.8354, overall.correctedWilson95().high());
        CorrectedShareOfWomen worker = stats.byTag().rows().get(0).figures().correctedShareOfWomen();
        assertEquals(0.5306, worker.estimate());
        CorrectedShareOfWomen army = stats.byTag().rows().get(1).figures().correctedShareOfWomen();
        assertEquals(0.0, army.estimate());
        assertTrue(army.clamped());

        ClassifierFigures classifier = stats.classifier();
        assertEquals(0.9, classifier.sensitivity());
        assertEquals(0.8, classifier.specificity());
        assertEquals(0.8333, classifier.accuracy());
        // Wilson 95 % for 250/300: [0.7870, 0.8712]
        assertEquals(0.787, classifier.accuracyWilson95().low());
        assertEquals(0.8712, classifier.accuracyWilson95().high());
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
        CensusFigures stats = CensusStatistics.compute(ITEMS, options(RATES, null));
        java.nio.file.Path file = dir.resolve("out/stats.json");
        CensusStatistics.write(file, stats);
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.startsWith("{\n  \"schema\" : \"facecensus-census-stats/2\""), text.substring(0, 50));
        assertTrue(text.endsWith("}\n"));
        assertEquals(text, CensusStatistics.toJson(stats));
    }

    @Test
    void withoutErrorRatesNothingIsCorrected() {
        CensusFigures stats = CensusStatistics.compute(ITEMS, options(null, null));
        assertNull(stats.classifier());
        assertNull(stats.overall().correctedShareOfWomen());
        assertNull(stats.descriptions());
        // Undefined figures are written as null, not left out.
        String json = CensusStatistics.toJson(stats);
        assertTrue(json.contains("\"classifier\" : null") && json.contains("\"correctedShareOfWomen\" : null")
                && json.contains("\"descriptions\" : null") && json.contains("\"itemBootstrap95\" : null"), json);
    }

    @Test
    void deterministic() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DescriptionMiner miner = new HandMiner();
        String first = json.writeValueAsString(CensusStatistics.compute(ITEMS, options(RATES, miner)));
        String second = json.writeValueAsString(CensusStatistics.compute(List.copyOf(ITEMS), options(RATES, miner)));
        assertEquals(first, second);
        assertTrue(first.startsWith("{\"schema\":\"facecensus-census-stats/2\",\"totals\""), first.substring(0, 60));
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
        DescriptionFigures d = CensusStatistics.compute(ITEMS, options(null, new HandMiner())).descriptions();
        assertEquals("hand", d.miner());
        assertEquals(2, d.itemsWithDescription());
        assertEquals(1, d.itemsWithMentions());
        assertEquals(1, d.minerErrors()); // the run goes on past the failing description
        assertEquals(1, d.mentions().female());
        assertEquals(1, d.mentions().male());
        assertEquals("woman", d.topTerms().female().get(0).term());
        assertEquals("man", d.topTerms().male().get(0).term());
        List<DescriptionFigures.Decade> decades = d.byDecade();
        assertEquals("1960s", decades.get(0).decade());
        assertEquals(1, decades.get(0).female());
        assertEquals("1970s", decades.get(1).decade());
        assertEquals(0, decades.get(1).female());
    }
}
