package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CardOrderTest {
    /** 40 faces; face i's probability is 0.5 + i/100, so face 0 is the least sure. */
    private static List<CensusFace> faces() {
        List<CensusFace> faces = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            faces.add(new CensusFace(new FaceKey("item" + i / 4, i % 4), 0, 0, 10, 10, "male", 0.5 + i / 100.0, Double.NaN, null, ""));
        }
        return faces;
    }

    @Test
    void everyKthCardIsAnAuditCardAndTheOthersAreTheLeastSureFirst() {
        CardOrder order = CardOrder.of(faces(), 7, 4);
        List<Card> cards = order.cards(0, order.size());
        Set<FaceKey> shown = new HashSet<>();
        double lastCertainty = -1;
        for (Card c : cards) {
            assertEquals(c.position() % 4 == 0 ? CardStream.AUDIT : CardStream.ACTIVE, c.stream(),
                    "while both streams have faces left: " + c);
            if (c.stream() == CardStream.ACTIVE) {
                assertTrue(c.face().certainty() >= lastCertainty, "active cards go from least to most sure");
                lastCertainty = c.face().certainty();
                assertTrue(shown.add(c.face().key()), "an active card is never a face shown before");
            } else {
                shown.add(c.face().key());
            }
        }
        assertEquals(40, shown.size(), "every face is shown");
        List<FaceKey> audit = cards.stream().filter(c -> c.stream() == CardStream.AUDIT).map(c -> c.face().key()).toList();
        assertEquals(audit.size(), new HashSet<>(audit).size(), "the audit stream never repeats a face");
        assertTrue(order.size() >= 40 && order.size() < 80, "audit repeats are few: " + order.size());
    }

    @Test
    void theOrderDependsOnlyOnTheSeed() {
        List<FaceKey> a = keys(CardOrder.of(faces(), 7, 4));
        assertEquals(a, keys(CardOrder.of(faces(), 7, 4)));
        assertNotEquals(a, keys(CardOrder.of(faces(), 8, 4)));
        CardOrder auditOnly = CardOrder.of(faces(), 7, 1);
        assertEquals(40, auditOnly.size());
        assertTrue(auditOnly.cards(0, 40).stream().allMatch(c -> c.stream() == CardStream.AUDIT));
    }

    @Test
    void pagesAreSlicesOfTheWholeOrder() {
        CardOrder order = CardOrder.of(faces(), 3, 4);
        List<Card> all = order.cards(0, order.size());
        assertEquals(all.subList(10, 15), order.cards(10, 5));
        assertEquals(all.subList(order.size() - 2, order.size()), order.cards(order.size() - 2, 100));
        assertTrue(order.cards(order.size() + 5, 10).isEmpty());
    }

    @Test
    void cardsOfAFaceAreItsOnlyCardOrItsActiveThenItsAuditCard() {
        CardOrder order = CardOrder.of(faces(), 7, 4);
        int cards = 0;
        int twice = 0;
        for (CensusFace f : faces()) {
            List<Card> mine = order.cardsOf(f.key());
            cards += mine.size();
            assertTrue(mine.stream().allMatch(c -> c.face().equals(f) && order.cards(c.position(), 1).get(0).equals(c)));
            if (mine.size() == 2) {
                twice++;
                assertEquals(List.of(CardStream.ACTIVE, CardStream.AUDIT), mine.stream().map(Card::stream).toList());
                assertTrue(mine.get(0).position() < mine.get(1).position());
            } else {
                assertEquals(1, mine.size(), "every face is shown, at most twice: " + f.key());
            }
        }
        assertEquals(order.size(), cards, "every card is some face's");
        assertEquals(order.size() - 40, twice);
        assertTrue(twice > 0, "these faces include some shown twice");
        assertTrue(order.cardsOf(new FaceKey("nobody", 0)).isEmpty());
    }

    private static List<FaceKey> keys(CardOrder order) {
        return order.cards(0, order.size()).stream().map(c -> c.face().key()).toList();
    }
}
