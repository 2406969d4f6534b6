package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.List;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;

/**
 * Per-item sums over the faces labelled female or male, the rows that {@link ClusterBootstrap}
 * resamples: one row per analysed item with at least one decided face.
 *
 * <p>Thread-safety: stateless.
 */
final class ItemSums {
    static final int WOMEN = 0;
    static final int MEN = 1;
    /** Sum of the women's {@link FaceProminence#areaShare} (faces of items with a known image size). */
    static final int WOMEN_AREA = 2;
    static final int MEN_AREA = 3;
    static final int WOMEN_RANK = 4;
    static final int MEN_RANK = 5;
    static final int WOMEN_DISTANCE = 6;
    static final int MEN_DISTANCE = 7;
    /** 1 when the item's central figure is labelled female. */
    static final int CENTRAL_WOMAN = 8;
    static final int CENTRAL_MAN = 9;
    /** Women whose area and distance were measured (their item's image size is known). */
    static final int WOMEN_MEASURED = 10;
    static final int MEN_MEASURED = 11;
    static final int COLUMNS = 12;

    private ItemSums() {
    }

    /** The row of one item, or null when it failed or has no decided face. */
    static double[] row(ItemRecord item) {
        if (item.failed()) {
            return null;
        }
        List<FaceProminence> prominence = FaceProminence.of(item);
        double[] row = new double[COLUMNS];
        boolean decided = false;
        for (int i = 0; i < item.faces().size(); i++) {
            FaceRecord face = item.faces().get(i);
            if (face.gender() == Gender.UNKNOWN) {
                continue;
            }
            decided = true;
            int g = face.gender() == Gender.FEMALE ? 0 : 1;
            FaceProminence p = prominence.get(i);
            row[WOMEN + g]++;
            row[WOMEN_RANK + g] += p.sizeRank();
            if (!Double.isNaN(p.areaShare())) {
                row[WOMEN_AREA + g] += p.areaShare();
                row[WOMEN_DISTANCE + g] += p.centreDistance();
                row[WOMEN_MEASURED + g]++;
            }
            if (p.centralFigure()) {
                row[CENTRAL_WOMAN + g] = 1;
            }
        }
        return decided ? row : null;
    }

    static double[][] rows(List<ItemRecord> items) {
        List<double[]> rows = new ArrayList<>();
        for (ItemRecord item : items) {
            double[] row = row(item);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows.toArray(double[][]::new);
    }

    /** Women among decided faces. */
    static double share(double[] t) {
        return ClusterBootstrap.ratio(t[WOMEN], t[WOMEN] + t[MEN]);
    }

    /** The women's part of the decided faces' summed area shares. */
    static double areaShare(double[] t) {
        return ClusterBootstrap.ratio(t[WOMEN_AREA], t[WOMEN_AREA] + t[MEN_AREA]);
    }

    /** Women among central figures with a decided label. */
    static double centralShare(double[] t) {
        return ClusterBootstrap.ratio(t[CENTRAL_WOMAN], t[CENTRAL_WOMAN] + t[CENTRAL_MAN]);
    }

    /** The mean of a per-gender sum over that gender's faces: {@code column} is the women's column. */
    static double mean(double[] t, int column, int countColumn, boolean women) {
        int g = women ? 0 : 1;
        return ClusterBootstrap.ratio(t[column + g], t[countColumn + g]);
    }
}
