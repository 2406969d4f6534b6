package org.facecensus.label;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

/**
 * Answers {@code GET /api/crop/ITEM/INDEX} for the label app and the explorer: the face is looked up
 * in the census's tables by its item id and index, and its crop file is the one the table names;
 * nothing in the URL becomes a path.
 *
 * <p>Thread-safety: stateless.
 */
final class Crops {
    private Crops() {
    }

    /**
     * @param itemSegment  the item id, still percent-encoded
     * @param indexSegment the face index, still percent-encoded
     */
    static void send(HttpExchange exchange, CensusFolder census, String itemSegment, String indexSegment)
            throws IOException {
        CensusFace face = face(census, HttpIo.decode(itemSegment), HttpIo.decode(indexSegment));
        if (face.crop() == null) {
            throw ApiException.notFound("face " + face.key() + " has no crop in the census");
        }
        HttpIo.send(exchange, 200, "image/jpeg", LocalServer.read(face.crop()));
    }

    /** The face with this item id and index (a number), or a 404 that says which is missing. */
    static CensusFace face(CensusFolder census, String itemId, String faceIndex) {
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
}
