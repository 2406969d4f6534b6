package org.facecensus.detectors.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class WeightedNmsTest {
    private static final double EPS = 1e-9;

    @Test
    void blendsOverlappingCandidatesByScoreAndKeepsTheTopScore() {
        Candidate a = new Candidate(0, 0, 10, 10, new double[] {2, 3}, 0.9);
        Candidate b = new Candidate(1, 1, 11, 11, new double[] {4, 5}, 0.6);
        List<Candidate> out = new WeightedNms(0.3).apply(List.of(b, a));
        assertEquals(1, out.size());
        Candidate m = out.get(0);
        // (0*0.9 + 1*0.6) / 1.5 = 0.4; (10*0.9 + 11*0.6) / 1.5 = 10.4
        assertEquals(0.4, m.xmin(), EPS);
        assertEquals(0.4, m.ymin(), EPS);
        assertEquals(10.4, m.xmax(), EPS);
        assertEquals(10.4, m.ymax(), EPS);
        assertArrayEquals(new double[] {2.8, 3.8}, m.keypoints(), EPS);
        assertEquals(0.9, m.score(), EPS);
    }

    @Test
    void keepsSeparateFacesApartInScoreOrder() {
        Candidate a = new Candidate(0, 0, 10, 10, new double[0], 0.7);
        Candidate b = new Candidate(20, 0, 30, 10, new double[0], 0.8);
        // IoU(a, c) = 25 / 175 < 0.3: c stays separate.
        Candidate c = new Candidate(5, 5, 15, 15, new double[0], 0.6);
        List<Candidate> out = new WeightedNms(0.3).apply(List.of(a, b, c));
        assertEquals(List.of(b, a, c), out);
    }
}
