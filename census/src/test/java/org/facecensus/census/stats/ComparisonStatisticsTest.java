package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.facecensus.FaceCensusException;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.junit.jupiter.api.Test;

/** Comparisons of two subsets, against differences worked out by hand; and how subsets are written. */
class ComparisonStatisticsTest {

    private static ItemRecord tagged(ItemRecord item, String tag, int year) {
        ItemMetadata m = new ItemMetadata(item.itemId(), "", new CatalogDate("" + year, year, year), "d", List.of(tag), "",
                Map.of("style", tag.toUpperCase()));
        return new ItemRecord(item.itemId(), tag + "/" + item.file(), m, item.faces(), "", "", 0, 100, 100);
    }

    /**
     * The four items of {@link ProminenceStatisticsTest#FOUR}: items 1 and 2 tagged a (1940s), 3 and 4 tagged b (1950s).
     * a: 2 women, 2 men → 0.5; area women 0.04 + 0.01 of 0.15 → 0.3333; central figures 1 woman of 2 → 0.5.
     * b: 1 woman, 2 men → 0.3333; area 0.01 of 0.03 → 0.3333; central figures 1 of 1 → 1.
     * b − a: share −0.1667, area 0, central +0.5.
     */
    static List<ItemRecord> items(int copies) {
        List<ItemRecord> out = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < 4; i++) {
                ItemRecord base = ProminenceStatisticsTest.FOUR.get(i);
                ItemRecord copy = new ItemRecord(base.itemId() + "-" + c, base.file(), null, base.faces(), "", "", 0, 100, 100);
                out.add(tagged(copy, i < 2 ? "a" : "b", i < 2 ? 1945 : 1955));
            }
        }
        return out;
    }

    @Test
    void differencesByHand() {
        ComparisonFigures c = ComparisonStatistics.compute(items(1), ItemSubset.parse("tag:a"), ItemSubset.parse("tag:b"),
                null, null);
        assertEquals(0.5, c.a().shareOfWomen());
        assertEquals(0.3333, c.b().shareOfWomen());
        assertEquals(-0.1667, c.shareOfWomen().estimate());
        assertEquals(0.3333, c.a().areaShareOfWomen());
        assertEquals(0.0, c.areaShareOfWomen().estimate());
        assertEquals(0.5, c.centralFiguresWomen().estimate());
        assertEquals(0, c.overlappingItems());
        assertNull(c.shareOfWomen().interval95(), "no bootstrap, no interval");
        assertNull(c.correctedShareOfWomen());
    }

    @Test
    void intervalsAndCorrection() {
        ClassifierErrorRates rates = new ClassifierErrorRates("test", 90, 10, 160, 40, "eval.json");
        ClusterBootstrap bootstrap = new ClusterBootstrap(new ShareBootstrap(new PercentileBootstrap(500, 3), rates));
        ComparisonFigures c = ComparisonStatistics.compute(items(5), ItemSubset.parse("decade:1940s"),
                ItemSubset.parse("decade:1950s"), rates, bootstrap);
        assertEquals(-0.1667, c.shareOfWomen().estimate());
        ShareInterval i = c.shareOfWomen().interval95();
        assertTrue(i.low() < -0.1667 && -0.1667 < i.high(), i.toString());
        // Rogan–Gladen (se 0.9, sp 0.8): a (0.5 − 0.2) / 0.7 = 0.4286, b (0.3333 − 0.2) / 0.7 = 0.1905.
        assertEquals(0.4286, c.a().correctedShareOfWomen());
        assertEquals(0.1905, c.b().correctedShareOfWomen());
        assertEquals(-0.2381, c.correctedShareOfWomen().estimate());
        assertNotNull(c.correctedShareOfWomen().interval95());
        assertTrue(c.correctedShareOfWomen().interval95().width() > i.width(), "correction widens the interval");
    }

    @Test
    void comparisonsInTheStatistics() {
        CensusFigures auto = CensusStatistics.compute(items(5), new StatsOptions(2, null, 200, 1, null));
        assertEquals(List.of("tag:a vs tag:b", "decade:1940s vs decade:1950s"), auto.comparisons().stream()
                .map(c -> c.a().subset() + " vs " + c.b().subset()).toList(), "the automatic comparisons");
        CensusFigures asked = CensusStatistics.compute(items(5), new StatsOptions(2, null, 200, 1, null)
                .withComparisons(List.of(SubsetPair.parse("tag:b vs folder:a"))));
        assertEquals(1, asked.comparisons().size());
        assertEquals(0.1667, asked.comparisons().get(0).shareOfWomen().estimate(), "a − b, the other way round");
        assertTrue(CensusStatistics.compute(items(5), new StatsOptions(2, null, 200, 1, null).withComparisons(List.of()))
                .comparisons().isEmpty());
    }

    @Test
    void subsets() {
        List<ItemRecord> items = items(1);
        assertEquals(2, items.stream().filter(ItemSubset.parse("folder:a")).count());
        assertEquals(2, items.stream().filter(ItemSubset.parse("years:1950-1959")).count());
        assertEquals(2, items.stream().filter(ItemSubset.parse("field:style=B")).count());
        assertEquals(4, items.stream().filter(ItemSubset.parse("designer:D")).count());
        assertEquals(4, items.stream().filter(ItemSubset.parse("all")).count());
        assertFalse(ItemSubset.parse("decade:undated").test(items.get(0)));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> ItemSubset.parse("colour:red"));
        assertTrue(e.getMessage().contains("tag:NAME"), e.getMessage());
        assertEquals("tag:a vs decade:1950s", SubsetPair.parse("tag:a vs decade:1950s").toString());
        assertThrows(FaceCensusException.class, () -> SubsetPair.parse("tag:a, tag:b"));
    }
}
