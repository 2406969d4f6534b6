package org.facecensus.label;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the label API does, apart from HTTP: progress, pages of cards, labelling and undo, each
 * answered as JSON. Every request is checked in full before anything is written. The stream of a
 * label (audit or active) is decided here from the card order, never taken from the client: only
 * audit labels feed the share of women and the test split, so a client must not be able to choose it.
 *
 * <p>Thread-safety: thread-safe (the store serialises writes; the census and order are immutable).
 */
final class LabelApi {
    /** The most cards one page holds. */
    static final int MAX_PAGE = 500;

    private final CensusFolder census;
    private final CardOrder order;
    private final LabelStore store;
    private final Clock clock;

    LabelApi(CensusFolder census, CardOrder order, LabelStore store, Clock clock) {
        this.census = census;
        this.order = order;
        this.store = store;
        this.clock = clock;
    }

    /**
     * One label as the client sends it. {@code position} and {@code stream} only say which card it was
     * given on (null when not sent); the stream recorded is always that card's, from {@link #order}.
     */
    private record LabelRequest(FaceKey face, Label label, Integer position, CardStream stream) {
    }

    LabelProgress progress() {
        return LabelProgress.of(store.currentLabels().values(), census.faces().size());
    }

    ObjectNode cards(Map<String, String> query) {
        int from = integer(query, "from", 0);
        int count = integer(query, "count", 50);
        if (from < 0 || count < 1 || count > MAX_PAGE) {
            throw ApiException.badRequest("from must be 0 or more and count between 1 and " + MAX_PAGE
                    + " (were " + from + ", " + count + ")");
        }
        ObjectNode page = HttpIo.JSON.createObjectNode();
        page.put("from", from).put("total", order.size()).put("faces", census.faces().size());
        ArrayNode cards = page.putArray("cards");
        Map<FaceKey, LabelEntry> labels = store.currentLabels();
        for (Card card : order.cards(from, count)) {
            CensusFace f = card.face();
            ObjectNode c = cards.addObject();
            c.put("position", card.position()).put("faceId", f.key().toString()).put("itemId", f.key().itemId())
                    .put("faceIndex", f.key().faceIndex()).put("cropSha256", f.cropSha256())
                    .put("stream", card.stream().word());
            c.putObject("box").put("x", f.x()).put("y", f.y()).put("width", f.width()).put("height", f.height());
            LabelEntry current = labels.get(f.key());
            if (current == null) {
                c.putNull("label");
            } else {
                c.put("label", current.label().word()).put("labelStream", current.stream().word());
            }
            c.put("gender", f.gender());
            if (Double.isNaN(f.probability())) {
                c.putNull("probability");
            } else {
                c.put("probability", f.probability());
            }
            // The face verifier's p_face, null where none judged the face (no --verifier, or no aligned crop).
            if (Double.isNaN(f.probabilityFace())) {
                c.putNull("pFace");
            } else {
                c.put("pFace", f.probabilityFace());
            }
            c.put("hasCrop", f.crop() != null);
        }
        return page;
    }

    private static int integer(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be a whole number, was '" + value + "'");
        }
    }

    /**
     * Labels one face ({@code {...}}) or several ({@code [{...}, ...]}), all or none, as one batch that
     * one undo takes back. The stream recorded is the one the card order gives the card; a request
     * whose {@code position} or {@code stream} names no card of that face is refused (400).
     */
    LabelProgress label(byte[] body) {
        JsonNode json = parse(body);
        List<JsonNode> nodes = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(nodes::add);
        } else {
            nodes.add(json);
        }
        if (nodes.isEmpty()) {
            throw ApiException.badRequest("the list of labels is empty");
        }
        List<LabelEntry> entries = new ArrayList<>();
        for (JsonNode node : nodes) {
            LabelRequest r = labelRequest(node);
            CensusFace face = census.face(r.face())
                    .orElseThrow(() -> ApiException.notFound("no face " + r.face() + " in this census"));
            // The client's stream is never stored: only the server's card order may put a label in the audit sample.
            Card card = cardOf(r);
            entries.add(new LabelEntry(face.key(), face.cropSha256(), r.label(), card.stream(), clock.instant()));
        }
        store.append(entries);
        return progress();
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = HttpIo.JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty; send a JSON label object or a list of them");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
        }
    }

    private static LabelRequest labelRequest(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.badRequest("each label must be an object {\"itemId\", \"faceIndex\", \"label\", \"position\"}");
        }
        JsonNode item = node.get("itemId");
        JsonNode index = node.get("faceIndex");
        if (item == null || !item.isTextual() || item.asText().isEmpty() || index == null || !index.canConvertToInt()
                || !index.isIntegralNumber()) {
            throw ApiException.badRequest("a label needs itemId (text) and faceIndex (a whole number)");
        }
        String word = node.path("label").asText("");
        Label label = Label.parse(word).filter(l -> l != Label.UNDO).orElseThrow(() -> ApiException.badRequest(
                "unknown label '" + word + "'; use one of " + labelWords() + " (undo is POST /api/undo)"));
        Integer position = null;
        JsonNode p = node.path("position");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                throw ApiException.badRequest("position must be a whole number, the card's position from /api/cards (was "
                        + p + ")");
            }
            position = p.intValue();
        }
        CardStream stream = null;
        JsonNode s = node.path("stream");
        if (!s.isMissingNode() && !s.isNull()) {
            String streamWord = s.asText("");
            stream = CardStream.parse(streamWord).orElseThrow(() -> ApiException.badRequest("unknown stream '"
                    + streamWord + "'; use audit or active, or leave it out: the server takes it from its card order"));
        }
        return new LabelRequest(new FaceKey(item.asText(), index.intValue()), label, position, stream);
    }

    /**
     * The card a label was given on: the face's card at {@code position} and of {@code stream}, where
     * sent. Without either, a face shown on one card needs no more; a face shown twice (active, then
     * audit) must say which, since guessing would put labels in the audit sample, or keep them out of it,
     * that the person did not give there.
     */
    private Card cardOf(LabelRequest r) {
        List<Card> cards = order.cardsOf(r.face());
        if (cards.isEmpty()) {
            throw ApiException.notFound("face " + r.face() + " is on no card of this server's order; start 'facecensus label'"
                    + " again if the census was run again since");
        }
        List<Card> matching = cards.stream()
                .filter(c -> r.position() == null || c.position() == r.position())
                .filter(c -> r.stream() == null || c.stream() == r.stream())
                .toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            String asked = r.position() == null ? "an " + r.stream().word() + " card"
                    : "card " + r.position() + (r.stream() == null ? "" : " (" + r.stream().word() + ")");
            throw ApiException.badRequest("face " + r.face() + " is " + describe(cards) + ", not " + asked
                    + "; the server takes the stream from its card order: send the card's position from /api/cards"
                    + " and no stream, or reload the page if it is older than this server");
        }
        throw ApiException.badRequest("face " + r.face() + " is " + describe(cards)
                + "; say which card was labelled with \"position\"");
    }

    private static String describe(List<Card> cards) {
        return (cards.size() == 1 ? "shown on " : "shown twice, on ") + cards.stream()
                .map(c -> "card " + c.position() + " (" + c.stream().word() + ")").collect(Collectors.joining(" and "));
    }

    private static String labelWords() {
        return Arrays.stream(Label.values()).filter(l -> l != Label.UNDO).map(Label::word)
                .collect(Collectors.joining(", "));
    }

    /**
     * Takes back the last batch: every label of the last {@link #label} request (one key, so a whole grid
     * in grid mode, one face in single mode); a 409 when there is none. The answer lists them in the order
     * they were labelled.
     */
    ObjectNode undo() {
        List<LabelEntry> undone = store.undo(clock.instant());
        if (undone.isEmpty()) {
            throw new ApiException(409, "there is no label to undo");
        }
        ObjectNode answer = HttpIo.JSON.createObjectNode();
        ArrayNode list = answer.putArray("undone");
        for (LabelEntry e : undone) {
            list.addObject().put("itemId", e.face().itemId()).put("faceIndex", e.face().faceIndex())
                    .put("label", e.label().word()).put("stream", e.stream().word());
        }
        answer.set("progress", HttpIo.JSON.valueToTree(progress()));
        return answer;
    }

    CensusFolder census() {
        return census;
    }
}
