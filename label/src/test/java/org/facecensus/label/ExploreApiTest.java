package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.census.stats.CensusFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer's answers without a browser: an old census folder, filters, the faces behind a cell. */
class ExploreApiTest {

    /**
     * A census written before image sizes were recorded (no image_width/image_height columns): it opens,
     * prominence has no measured item but still ranks faces and finds central figures.
     */
    @Test
    void readsACensusWrittenBeforeImageSizes(@TempDir Path dir) throws Exception {
        ExploreApi api = new ExploreApi(CensusFolder.read(TestCensus.synthetic(dir, 20, 2)), null, 100);
        CensusFigures all = api.figures(Map.of());
        assertEquals(20, all.totals().items());
        assertEquals(40, all.totals().faces());
        assertEquals(20, all.prominence().overall().itemsWithDecidedFace());
        assertEquals(0, all.prominence().overall().itemsMeasured());
        assertNull(all.prominence().overall().areaShareOfWomen().estimate());
        // Two 30×30 faces per item: no face is twice the other, so no central figure.
        assertEquals(0, all.prominence().overall().centralFigures().decided());
        assertEquals("1950s", all.byDecade().rows().get(0).decade());
    }

    /** A gallery face carries the face verifier's p_face where one judged it, and nothing where none did. */
    @Test
    void galleryFacesCarryPFaceWhereAVerifierJudgedThem(@TempDir Path dir) throws Exception {
        Path census = ExploreCensus.write(dir, 6);
        FaceKey judged = new FaceKey("item00002", 1);
        TestCensus.setPFace(census, Map.of(judged, 0.9312));
        ObjectNode page = new ExploreApi(CensusFolder.read(census), null, 100).faces(Map.of());
        int withPFace = 0;
        for (JsonNode f : page.get("faces")) {
            if (new FaceKey(f.get("item").asText(), f.get("index").asInt()).equals(judged)) {
                assertEquals(0.9312, f.get("pFace").asDouble(), 1e-9, f.toString());
                withPFace++;
            } else {
                assertFalse(f.has("pFace"), f.toString());
            }
        }
        assertEquals(1, withPFace, page.toString());
    }

    @Test
    void filtersAndTheFacesBehindACell(@TempDir Path dir) throws Exception {
        ExploreApi api = new ExploreApi(CensusFolder.read(ExploreCensus.write(dir, 30)), null, 100);
        long photos = 0;
        long photoFaces = 0;
        long photoWomen = 0;
        for (int i = 0; i < 30; i++) {
            if (ExploreCensus.tag(i).equals("photo")) {
                photos++;
                for (int j = 0; j < ExploreCensus.faces(i); j++) {
                    photoFaces++;
                    photoWomen += ExploreCensus.female(i, j) ? 1 : 0;
                }
            }
        }
        CensusFigures tagged = api.figures(Map.of("tag", "photo"));
        assertEquals(photos, tagged.totals().items());
        assertEquals(photoWomen, tagged.totals().women());
        ObjectNode women = api.faces(Map.of("tag", "photo", "gender", "female", "limit", "5"));
        assertEquals(photoWomen, women.get("total").asInt());
        assertEquals(Math.min(5, photoWomen), women.get("faces").size());
        ObjectNode all = api.faces(Map.of("cell", "tag:photo"));
        assertEquals(photoFaces, all.get("total").asInt());
        all.get("faces").forEach(f -> assertFalse(f.has("pFace"), "no verifier ran: " + f));
        assertEquals(400, assertThrows(ApiException.class, () -> api.faces(Map.of("gender", "other"))).status());
        assertEquals(400, assertThrows(ApiException.class, () -> api.figures(Map.of("field", "no-equals-sign"))).status());
    }
}
