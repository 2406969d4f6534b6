package org.facecensus.dataset.internal;

import static org.facecensus.classify.EmbeddingVectors.dot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.facecensus.dataset.DropReason;
import org.facecensus.dataset.quality.PerceptualHash;

/**
 * Drops repeated faces among the candidates of a whole build, keeping the largest of each group: candidates are
 * visited largest face box first (ties in source order), and each is kept unless its perceptual hash is within
 * {@code duplicateBits} of a kept face's and, when both have embeddings, their cosine is at least {@code nearCosine}
 * too ({@link DropReason#DUPLICATE}: the hash alone can match two different aligned faces), or its embedding's cosine
 * with a kept face's is at least {@code nearCosine} ({@link DropReason#NEAR_DUPLICATE}). The result depends only on the candidates, so
 * a resumed build decides the same.
 *
 * <p>Thread-safety: stateless.
 */
public final class Deduplicator {
    /**
     * One candidate face.
     *
     * <p>Thread-safety: immutable by convention.
     *
     * @param id        its crop path, for the verdict's detail
     * @param area      its box area in source pixels
     * @param hash      its perceptual hash
     * @param embedding its L2-normalised embedding, or null when there is none
     */
    public record Candidate(String id, double area, long hash, float[] embedding) {
    }

    /**
     * The verdict on one candidate.
     *
     * <p>Thread-safety: immutable.
     *
     * @param reason null when kept
     * @param detail which kept face it repeats, and how closely
     */
    public record Verdict(DropReason reason, String detail) {
    }

    private Deduplicator() {
    }

    /** Verdicts in the order of {@code candidates}. */
    public static List<Verdict> run(List<Candidate> candidates, int duplicateBits, double nearCosine) {
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -candidates.get(i).area())
                .thenComparingInt(i -> i));
        List<Verdict> verdicts = new ArrayList<>(java.util.Collections.nCopies(candidates.size(), (Verdict) null));
        List<Candidate> kept = new ArrayList<>();
        for (int i : order) {
            Candidate c = candidates.get(i);
            Verdict v = null;
            for (Candidate k : kept) {
                int d = PerceptualHash.distance(c.hash(), k.hash());
                boolean confirmed = c.embedding() == null || k.embedding() == null
                        || dot(c.embedding(), k.embedding()) >= nearCosine;
                if (d <= duplicateBits && confirmed) {
                    v = new Verdict(DropReason.DUPLICATE, "same picture as " + k.id() + " (hash distance " + d + ")");
                    break;
                }
            }
            if (v == null && c.embedding() != null) {
                Candidate best = null;
                double bestCos = -2;
                for (Candidate k : kept) {
                    if (k.embedding() != null) {
                        double cos = dot(c.embedding(), k.embedding());
                        if (cos > bestCos) {
                            bestCos = cos;
                            best = k;
                        }
                    }
                }
                if (best != null && bestCos >= nearCosine) {
                    v = new Verdict(DropReason.NEAR_DUPLICATE, String.format(Locale.ROOT, "nearly the same as %s (cosine %.4f)",
                            best.id(), bestCos));
                }
            }
            if (v == null) {
                kept.add(c);
                v = new Verdict(null, "");
            }
            verdicts.set(i, v);
        }
        return verdicts;
    }
}
