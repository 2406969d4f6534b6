package org.facecensus.detectors.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TilePlanTest {

    /**
     * The plan's promise: every face from minFace up to the whole image is, at some level, inside
     * that level's trusted size band and wholly inside one tile.
     */
    @Test
    void everyFaceSizeAndPositionIsWholeInSomeTileWithinItsBand() {
        int w = 1920;
        int h = 1280;
        TilePlan plan = TilePlan.pyramid(w, h, 256, 30, 20.48, 76.8, 4.0);
        for (double face = 30; face <= 1000; face *= 1.15) {
            for (double x = 0; x + face <= w; x += 97) {
                for (double y = 0; y + face <= h; y += 89) {
                    assertTrue(covered(plan, x, y, face), "face " + face + " at " + x + "," + y);
                }
            }
        }
    }

    private static boolean covered(TilePlan plan, double x, double y, double face) {
        for (TilePlan.Level level : plan.levels()) {
            double s = level.scale();
            double size = face * s;
            if (size < level.keepMin() || size > level.keepMax()) {
                continue;
            }
            for (int[] o : level.tileOrigins()) {
                if (x * s >= o[0] && y * s >= o[1] && (x + face) * s <= o[0] + plan.tileSize()
                        && (y + face) * s <= o[1] + plan.tileSize()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aSmallImageIsOnePassAndLevelsGrowGeometrically() {
        TilePlan small = TilePlan.pyramid(200, 150, 256, 30, 20.48, 76.8, 4.0);
        assertEquals(1, small.tileCount());
        TilePlan big = TilePlan.pyramid(1920, 1280, 256, 30, 20.48, 76.8, 4.0);
        assertEquals(3, big.levels().size());
        double r1 = big.levels().get(1).scale() / big.levels().get(0).scale();
        double r2 = big.levels().get(2).scale() / big.levels().get(1).scale();
        assertEquals(r1, r2, 1e-9);
        assertEquals(20.48 / 30, big.levels().get(2).scale(), 1e-9);
    }
}
