package org.facecensus.census.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.junit.jupiter.api.Test;

/** Face prominence and its aggregates against values worked out by hand (see each test's comment). */
class ProminenceStatisticsTest {
    private static final Gender F = Gender.FEMALE;
    private static final Gender M = Gender.MALE;

    static FaceRecord face(String item, int index, double x, double y, double w, double h, Gender gender) {
        return new FaceRecord(item, index, x, y, w, h, 0.9, gender, 0.9, "", "");
    }

    /** An item of a 100×100 image with square faces of the given sides, side by side. */
    static ItemRecord item(String id, Object... sidesAndGenders) {
        List<FaceRecord> faces = new ArrayList<>();
        for (int i = 0; i < sidesAndGenders.length; i += 2) {
            double side = ((Number) sidesAndGenders[i]).doubleValue();
            faces.add(face(id, i / 2, 30.0 * (i / 2), 0, side, side, (Gender) sidesAndGenders[i + 1]));
        }
        return new ItemRecord(id, id + ".jpg", null, faces, "", "", 0, 100, 100);
    }

    /**
     * A 100×200 image (area 20,000, half diagonal 111.803):
     * face 0 at (38, 88) 24×24: area 576, share 0.0288, centred (50, 100) → distance 0, rank 1;
     * face 1 at (0, 0) 10×10: share 0.005, centre (5, 5) → √(45² + 95²) / 111.803 = 0.940213, rank 3;
     * face 2 at (92, 192) 16×16: clipped to 8×8 → share 0.0032, centre (100, 200) = corner → 1, rank 2.
     * 576 ≥ 2 × 256, so face 0 is the central figure.
     */
    @Test
    void perFaceMeasuresByHand() {
        ItemRecord item = new ItemRecord("p", "p.jpg", null, List.of(face("p", 0, 38, 88, 24, 24, F),
                face("p", 1, 0, 0, 10, 10, M), face("p", 2, 92, 192, 16, 16, M)), "", "", 0, 100, 200);
        List<FaceProminence> p = FaceProminence.of(item);
        assertEquals(0.0288, p.get(0).areaShare(), 1e-12);
        assertEquals(0.005, p.get(1).areaShare(), 1e-12);
        assertEquals(0.0032, p.get(2).areaShare(), 1e-12);
        assertEquals(0, p.get(0).centreDistance(), 1e-12);
        assertEquals(Math.hypot(45, 95) / (Math.hypot(100, 200) / 2), p.get(1).centreDistance(), 1e-12);
        assertEquals(0.940213, p.get(1).centreDistance(), 1e-6);
        assertEquals(1, p.get(2).centreDistance(), 1e-12);
        assertEquals(List.of(1, 3, 2), p.stream().map(FaceProminence::sizeRank).toList());
        assertEquals(List.of(true, false, false), p.stream().map(FaceProminence::centralFigure).toList());
    }

    @Test
    void noCentralFigureWhenTheLargestIsNotClearlyLarger() {
        List<FaceProminence> p = FaceProminence.of(item("q", 20, F, 15, M)); // 400 < 2 × 225
        assertFalse(p.get(0).centralFigure());
        assertTrue(FaceProminence.of(item("r", 5, M)).get(0).centralFigure(), "a lone face is the central figure");
    }

    @Test
    void unknownImageSizeLeavesAreaAndDistanceUndefined() {
        ItemRecord old = new ItemRecord("o", "o.jpg", null, List.of(face("o", 0, 0, 0, 10, 10, F)), "", "");
        FaceProminence p = FaceProminence.of(old).get(0);
        assertTrue(Double.isNaN(p.areaShare()));
        assertTrue(Double.isNaN(p.centreDistance()));
        assertEquals(1, p.sizeRank());
    }

    /**
     * Four 100×100 items:
     * 1: woman 20×20 (0.04, rank 1, central: 400 ≥ 2·100), man 10×10 (0.01, rank 2);
     * 2: man 30×30 (0.09, rank 1, central), woman 10×10 (0.01, rank 2);
     * 3: woman 10×10 alone (0.01, rank 1, central);
     * 4: two men 10×10 (0.01 each, ranks 1 and 2, no central figure).
     * Women: 3 faces, area 0.06, ranks 1+2+1; men: 4 faces, area 0.12, ranks 2+1+1+2.
     * Head count 3/7 = 0.4286; area share 0.06/0.18 = 0.3333; difference −0.0952; central figures 2 women
     * of 3; mean rank 4/3 and 6/4; mean area 0.02 and 0.03.
     */
    static final List<ItemRecord> FOUR = List.of(item("1", 20, F, 10, M), item("2", 30, M, 10, F), item("3", 10, F),
            item("4", 10, M, 10, M));

    @Test
    void aggregatesByHand() {
        ProminenceFigures p = ProminenceStatistics.compute(FOUR, null, null, "all");
        assertEquals(4, p.itemsWithDecidedFace());
        assertEquals(4, p.itemsMeasured());
        assertEquals(0.4286, p.headcountShare().estimate());
        assertEquals(0.3333, p.areaShareOfWomen().estimate());
        assertEquals(-0.0952, p.areaMinusHeadcount().estimate());
        assertEquals(2, p.centralFigures().women());
        assertEquals(3, p.centralFigures().decided());
        assertEquals(0.6667, p.centralFigures().estimate());
        assertNotNull(p.centralFigures().wilson95());
        ProminenceFigures.GenderMeans women = p.byGender().get(0);
        ProminenceFigures.GenderMeans men = p.byGender().get(1);
        assertEquals("female", women.gender());
        assertEquals(3, women.faces());
        assertEquals(1.3333, women.meanSizeRank().estimate());
        assertEquals(1.5, men.meanSizeRank().estimate());
        assertEquals(0.02, women.meanAreaShare().estimate());
        assertEquals(0.03, men.meanAreaShare().estimate());
        assertNull(p.areaShareOfWomen().interval95(), "no interval without a bootstrap");
        assertNull(p.correctedCentralShare());
    }

    @Test
    void bootstrapIntervalsHoldTheEstimatesAndCorrectionApplies() {
        List<ItemRecord> twelve = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            for (ItemRecord i : FOUR) {
                twelve.add(new ItemRecord(i.itemId() + "-" + copy, i.file(), null, i.faces(), "", "", 0, 100, 100));
            }
        }
        ClassifierErrorRates rates = new ClassifierErrorRates("test", 90, 10, 160, 40, "eval.json");
        ClusterBootstrap bootstrap = new ClusterBootstrap(new ShareBootstrap(new PercentileBootstrap(400, 7), rates));
        ProminenceFigures p = ProminenceStatistics.compute(twelve, rates, bootstrap, "all");
        assertEquals(0.3333, p.areaShareOfWomen().estimate(), "copies change no ratio");
        ShareInterval area = p.areaShareOfWomen().interval95();
        assertTrue(area.low() < 0.3333 && 0.3333 < area.high(), area.toString());
        ShareInterval diff = p.areaMinusHeadcount().interval95();
        assertTrue(diff.low() < -0.0952 && -0.0952 < diff.high(), diff.toString());
        // Rogan–Gladen with sensitivity 0.9, specificity 0.8: (2/3 + 0.8 − 1) / 0.7 = 0.6667
        assertEquals(0.6667, p.correctedCentralShare().estimate());
        assertNotNull(p.correctedCentralShare().interval95());
    }
}
