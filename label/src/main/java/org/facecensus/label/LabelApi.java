package org.facecensus.label;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the label API does, apart from HTTP: progress, pages of cards, labelling and undo, each
 * answered as JSON. Every request is checked in full before anything is written.
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

    /** One label as the client sends it. */
    private record LabelRequest(FaceKey face, Label label, CardStream stream) {
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

    /** Labels one face ({@code {...}}) or several ({@code [{...}, ...]}), all or none. */
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
            entries.add(new LabelEntry(face.key(), face.cropSha256(), r.label(), r.stream(), clock.instant()));
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
            throw ApiException.badRequest("each label must be an object {\"itemId\", \"faceIndex\", \"label\", \"stream\"}");
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
        String streamWord = node.path("stream").asText("");
        CardStream stream = CardStream.parse(streamWord).orElseThrow(() -> ApiException.badRequest(
                "unknown stream '" + streamWord + "'; use audit or active (the card's stream)"));
        return new LabelRequest(new FaceKey(item.asText(), index.intValue()), label, stream);
    }

    private static String labelWords() {
        return Arrays.stream(Label.values()).filter(l -> l != Label.UNDO).map(Label::word)
                .collect(Collectors.joining(", "));
    }

    /** Takes back the last label; a 409 when there is none. */
    ObjectNode undo() {
        Optional<LabelEntry> undone = store.undo(clock.instant());
        LabelEntry e = undone.orElseThrow(() -> new ApiException(409, "there is no label to undo"));
        ObjectNode answer = HttpIo.JSON.createObjectNode();
        answer.putObject("undone").put("itemId", e.face().itemId()).put("faceIndex", e.face().faceIndex())
                .put("label", e.label().word());
        answer.set("progress", HttpIo.JSON.valueToTree(progress()));
        return answer;
    }

    CensusFace face(String itemId, String faceIndex) {
        int index;
        try {
            index = Integer.parseInt(faceIndex);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no face '" + faceIndex + "' of item '" + itemId + "': the face index is a number");
        }
        if (itemId.isEmpty()) {
            throw ApiException.notFound("no item ''");
        }
        return census.face(new FaceKey(itemId, index))
                .orElseThrow(() -> ApiException.notFound("no face " + itemId + "#" + index + " in this census"));
    }

    CensusFolder census() {
        return census;
    }
}
