package org.facecensus.detectors.postprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plain (greedy) non-maximum suppression, as face-api's detectors use: candidates in descending
 * score; one is kept unless it overlaps an already kept one by more than the threshold. Used to
 * merge the detections of overlapping tiles and pyramid levels.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class HardNms {
    private HardNms() {
    }

    /** At most {@code maxResults} candidates, highest score first. */
    public static List<Candidate> apply(List<Candidate> candidates, double iouThreshold, int maxResults) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (kept.size() >= maxResults) {
                break;
            }
            boolean overlaps = false;
            for (Candidate k : kept) {
                if (k.iou(c) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        return kept;
    }
}
