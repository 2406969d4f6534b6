package org.facecensus.label;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.facecensus.io.Sha256;

/**
 * The order cards are shown in: every k-th card (the first, then every k-th after it) comes from the
 * <em>audit</em> stream, a seeded random permutation of all faces; the others from the <em>active</em>
 * stream, the faces the classifier is least sure of (probability closest to 0.5) not shown yet.
 *
 * <p>The audit stream never skips a face, even one already shown as an active card: skipping them
 * would leave the doubtful faces out of the random sample and bias the corrected share towards the
 * easy faces. Such a face is shown twice, the second time with its label filled in. The order ends
 * once every face has been shown. It depends only on the faces, the seed and k, never on labels, so
 * positions stay put while people label (paging stays stable).
 *
 * <p>Thread-safety: immutable.
 */
public final class CardOrder {
    /** Every 4th card is an audit card unless told otherwise. */
    public static final int DEFAULT_AUDIT_EVERY = 4;

    private final List<Card> cards;
    /** Per face, the cards that show it, in order: the server looks a label's card up here, once per label. */
    private final Map<FaceKey, List<Card>> cardsByFace;
    private final long seed;

    private CardOrder(List<Card> cards, long seed) {
        this.cards = List.copyOf(cards);
        Map<FaceKey, List<Card>> byFace = new HashMap<>();
        for (Card card : this.cards) {
            byFace.computeIfAbsent(card.face().key(), k -> new ArrayList<>(1)).add(card);
        }
        byFace.replaceAll((face, faceCards) -> List.copyOf(faceCards));
        this.cardsByFace = Map.copyOf(byFace);
        this.seed = seed;
    }

    /**
     * Builds the order.
     *
     * @param faces      all faces of the census
     * @param seed       seeds the audit permutation (fixed per census: {@link #seedOf})
     * @param auditEvery k: every k-th card is an audit card (1: audit only)
     */
    public static CardOrder of(List<CensusFace> faces, long seed, int auditEvery) {
        if (auditEvery < 1) {
            throw new IllegalArgumentException("auditEvery must be at least 1, was " + auditEvery);
        }
        List<CensusFace> audit = new ArrayList<>(faces);
        Collections.shuffle(audit, new Random(seed));
        List<CensusFace> active = new ArrayList<>(faces);
        // Ties (e.g. every face without a probability) keep faces.csv order: stable and repeatable.
        active.sort(Comparator.comparingDouble(CensusFace::certainty));
        Set<FaceKey> shown = new HashSet<>();
        List<Card> cards = new ArrayList<>();
        int nextAudit = 0;
        int nextActive = 0;
        while (shown.size() < faces.size()) {
            int position = cards.size();
            boolean auditTurn = position % auditEvery == 0;
            while (nextActive < active.size() && shown.contains(active.get(nextActive).key())) {
                nextActive++;
            }
            if (auditTurn || nextActive == active.size()) {
                CensusFace face = audit.get(nextAudit++);
                cards.add(new Card(position, face, CardStream.AUDIT));
                shown.add(face.key());
            } else {
                CensusFace face = active.get(nextActive++);
                cards.add(new Card(position, face, CardStream.ACTIVE));
                shown.add(face.key());
            }
        }
        return new CardOrder(cards, seed);
    }

    /** The seed of a census: the first 8 bytes of the sha256 of its faces and their crops, so it stays fixed per census. */
    public static long seedOf(CensusFolder census) {
        StringBuilder ids = new StringBuilder();
        census.faces().forEach(f -> ids.append(f.key()).append(' ').append(f.cropSha256()).append('\n'));
        return ByteBuffer.wrap(Sha256.digest(ids.toString().getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** The cards from position {@code from}, at most {@code count}; empty past the end. */
    public List<Card> cards(int from, int count) {
        if (from < 0 || count < 0) {
            throw new IllegalArgumentException("from and count must not be negative: " + from + ", " + count);
        }
        int start = Math.min(from, cards.size());
        return cards.subList(start, (int) Math.min((long) start + count, cards.size()));
    }

    /**
     * The cards that show a face, in order: one, or two for a face first shown as an active card that
     * comes again as an audit card; empty for a face the census lacks. A face's stream is therefore a
     * property of the card, not of the face: a label given on the active card must not count as audit.
     */
    public List<Card> cardsOf(FaceKey face) {
        return cardsByFace.getOrDefault(face, List.of());
    }

    /** How many cards there are (at least the number of faces; audit repeats add to it). */
    public int size() {
        return cards.size();
    }

    /** The seed the audit permutation was drawn with. */
    public long seed() {
        return seed;
    }
}
