package org.facecensus.census.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;

/**
 * How prominently one face is shown in its item: the space it takes and where it sits.
 *
 * <ul>
 *   <li>{@code areaShare}: the box's area (clipped to the image) over the image's area, in [0, 1];</li>
 *   <li>{@code centreDistance}: the distance from the box's centre to the image's centre over half the
 *       image's diagonal: 0 in the middle, 1 in a corner;</li>
 *   <li>{@code sizeRank}: 1 for the item's largest face, 2 for the next, ... (ties keep detector
 *       order), among all the item's faces whatever their label;</li>
 *   <li>{@code centralFigure}: the largest face when it is clearly larger than the rest: the item's only
 *       face, or at least {@value #CENTRAL_RATIO} times the area of the second largest.</li>
 * </ul>
 * Area share and centre distance need the image's size; they are NaN for items without it (censuses
 * written before sizes were recorded). Rank and central figure need only the boxes.
 *
 * <p>Thread-safety: immutable.
 *
 * @param areaShare      the face's share of the image area, NaN when the image size is unknown
 * @param centreDistance the normalised distance from the image centre, NaN when the image size is unknown
 * @param sizeRank       1 = largest face of the item
 * @param centralFigure  whether this face is the item's central figure
 */
public record FaceProminence(double areaShare, double centreDistance, int sizeRank, boolean centralFigure) {
    /** The largest face is the central figure when its area is at least this many times the next one's. */
    public static final double CENTRAL_RATIO = 2.0;

    /** The prominence of each of the item's faces, in the order of {@link ItemRecord#faces()}. */
    public static List<FaceProminence> of(ItemRecord item) {
        List<FaceRecord> faces = item.faces();
        int n = faces.size();
        if (n == 0) {
            return List.of();
        }
        double[] area = new double[n];
        for (int i = 0; i < n; i++) {
            area[i] = Math.max(0, faces.get(i).width()) * Math.max(0, faces.get(i).height());
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -area[i]).thenComparingInt(i -> i));
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r + 1;
        }
        int largest = order[0];
        boolean hasCentral = n == 1 || area[largest] >= CENTRAL_RATIO * area[order[1]];
        List<FaceProminence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FaceRecord f = faces.get(i);
            double share = Double.NaN;
            double distance = Double.NaN;
            if (item.hasImageSize()) {
                double w = item.imageWidth();
                double h = item.imageHeight();
                double clippedW = Math.max(0, Math.min(f.x() + f.width(), w) - Math.max(f.x(), 0));
                double clippedH = Math.max(0, Math.min(f.y() + f.height(), h) - Math.max(f.y(), 0));
                share = clippedW * clippedH / (w * h);
                double dx = f.x() + f.width() / 2 - w / 2;
                double dy = f.y() + f.height() / 2 - h / 2;
                distance = Math.min(1, Math.hypot(dx, dy) / (Math.hypot(w, h) / 2));
            }
            out.add(new FaceProminence(share, distance, rank[i], hasCentral && i == largest));
        }
        return out;
    }
}
