package org.facecensus.census.stats;

import java.util.List;

/**
 * How prominently women and men are shown in a group of items (see {@link FaceProminence} for the
 * per-face measures). Only faces labelled female or male enter; intervals are percentile cluster
 * bootstraps over items ({@link ClusterBootstrap}), null where the group is too small or one-sided
 * (as for {@link ShareOfWomen#itemBootstrap95}).
 *
 * <p>Thread-safety: immutable.
 *
 * @param itemsWithDecidedFace  analysed items with at least one face labelled female or male
 * @param itemsMeasured         of those, items whose image size is known (area and distance need it)
 * @param headcountShare        women among decided faces, with its cluster bootstrap interval: the
 *                              share to set the area share beside
 * @param areaShareOfWomen      the women's part of the decided faces' summed area shares (each face's
 *                              area as a share of its image), with its interval; null without a
 *                              measured face
 * @param areaMinusHeadcount    {@code areaShareOfWomen − headcountShare} and its interval, from the
 *                              same resamples: negative when women are present but shown smaller
 * @param centralFigures        the share of central figures who are women: women and decided count
 *                              central figures (one per item at most), Wilson interval (items are
 *                              independent here, one figure each) and bootstrap interval
 * @param correctedCentralShare the Rogan–Gladen corrected share of central figures who are women,
 *                              null without an evaluation
 * @param byGender              the mean size rank, area share and centre distance of women's and of men's faces
 */
public record ProminenceFigures(long itemsWithDecidedFace, long itemsMeasured, Estimate headcountShare,
                                Estimate areaShareOfWomen, Estimate areaMinusHeadcount, ShareOfWomen centralFigures,
                                Estimate correctedCentralShare, List<GenderMeans> byGender) {
    public ProminenceFigures {
        byGender = List.copyOf(byGender);
    }

    /**
     * The means of one gender's faces.
     *
     * <p>Thread-safety: immutable.
     *
     * @param gender         "female" or "male"
     * @param faces          faces with that label
     * @param measured       of those, faces whose image size is known
     * @param meanSizeRank   the mean rank by size within the item (1 = largest), with its interval
     * @param meanAreaShare  the mean share of the image the face covers, with its interval
     * @param meanCentreDistance the mean normalised distance from the image centre, with its interval
     */
    public record GenderMeans(String gender, long faces, long measured, Estimate meanSizeRank, Estimate meanAreaShare,
                              Estimate meanCentreDistance) {
    }
}
