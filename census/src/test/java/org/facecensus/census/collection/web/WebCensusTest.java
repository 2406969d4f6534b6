package org.facecensus.census.collection.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensus;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.Census;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.SharedPhotos;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.run.CensusResult;
import org.facecensus.http.HttpFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collections read from the web: IIIF Presentation 2.1 and 3.0 manifests and a collection, and a URL list, served
 * from 127.0.0.1 with People-Art images and poster-notes catalogue records, including every bad-item case.
 */
class WebCensusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PA = "peopleart/JPEGImages/";
    /** Three artworks with people (two with faces found by blazeface), one per manifest. */
    private static final List<String> IMAGES = List.of(
            PA + "PosterArtRealism/robert-g-harris_girl-with-an-orchid.jpg",
            PA + "photo/000102.jpg",
            PA + "PosterArtRealism/robert-g-harris_good-housekeeping-illustration.jpg");

    private static LoopbackSite site;
    private static FaceAnalyzer analyzer;
    private static List<JsonNode> notes;

    @TempDir
    Path dir;

    @BeforeAll
    static void serve() throws IOException {
        notes = Files.readAllLines(SharedPhotos.data("poster-notes/records.jsonl")).stream().limit(3)
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        site = new LoopbackSite();
        for (int i = 0; i < IMAGES.size(); i++) {
            byte[] jpeg = Files.readAllBytes(SharedPhotos.data(IMAGES.get(i)));
            // every size the census may ask for serves the original: the test checks which one it asked for
            for (String size : List.of("!2000,2000", "full", "max")) {
                site.put("/iiif/img" + i + "/full/" + size + "/0/default.jpg", LoopbackSite.Response.ok("image/jpeg", jpeg));
            }
            site.put("/plain/img" + i + ".jpg", LoopbackSite.Response.ok("image/jpeg", jpeg));
        }
        site.put("/iiif/html/full/!2000,2000/0/default.jpg",
                LoopbackSite.Response.ok("text/html", "<html>Sign in to see this image</html>".getBytes()));
        byte[] cut = Files.readAllBytes(SharedPhotos.data(IMAGES.get(0)));
        site.put("/iiif/cut/full/!2000,2000/0/default.jpg", new LoopbackSite.Response(200, "image/jpeg", cut,
                cut.length / 3));
        site.put("/a/manifest.json", LoopbackSite.Response.json(manifestV2("/a/manifest.json", notes.get(0), 0)));
        site.put("/b/manifest", LoopbackSite.Response.json(manifestV3("/b/manifest", notes.get(1), 1)));
        site.put("/c.json", LoopbackSite.Response.json(manifestV2Plain("/c.json", notes.get(2), 2)));
        site.put("/inner-collection.json", LoopbackSite.Response.json("""
                {"@context": "http://iiif.io/api/presentation/2/context.json", "@id": "%s", "@type": "sc:Collection",
                 "label": "Inner", "manifests": [{"@id": "%s", "@type": "sc:Manifest", "label": "C"}]}
                """.formatted(site.url("/inner-collection.json"), site.url("/c.json"))));
        site.put("/collection.json", LoopbackSite.Response.json("""
                {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "%s", "type": "Collection",
                 "label": {"en": ["Posters"]}, "items": [
                   {"id": "%s", "type": "Manifest", "label": {"en": ["A"]}},
                   {"id": "%s", "type": "Manifest", "label": {"en": ["B"]}},
                   {"id": "%s", "type": "Manifest", "label": {"en": ["gone"]}},
                   {"id": "%s", "type": "Collection", "label": {"en": ["Inner"]}}]}
                """.formatted(site.url("/collection.json"), site.url("/a/manifest.json"), site.url("/b/manifest"),
                site.url("/gone/manifest.json"), site.url("/inner-collection.json"))));
        analyzer = Census.defaultAnalyzer(FaceCensus.defaults()).detector("blazeface").build();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (analyzer != null) {
            analyzer.close();
        }
    }

    private static String esc(String s) {
        return JSON.getNodeFactory().textNode(s).toString();
    }

    /** Presentation 2.1: metadata pairs, a v2 image service, and a second canvas without any image. */
    private static String manifestV2(String path, JsonNode note, int image) {
        ObjectNode m = JSON.createObjectNode();
        m.put("@context", "http://iiif.io/api/presentation/2/context.json");
        m.put("@id", site.url(path));
        m.put("@type", "sc:Manifest");
        m.put("label", note.get("title").asText());
        m.put("description", note.get("description").asText());
        m.put("attribution", "IISH collection");
        ArrayNode md = m.putArray("metadata");
        md.addObject().put("label", "Date").put("value", note.get("date").asText());
        md.addObject().put("label", "Designer").put("value", note.get("designer").asText());
        md.addObject().put("label", "Subject").put("value", String.join("; ",
                JSON.convertValue(note.get("tags"), String[].class)));
        md.addObject().put("label", "Collection").put("value", "<i>" + note.path("extra").path("collection").asText()
                + "</i> &amp; others");
        ArrayNode canvases = m.putArray("sequences").addObject().put("@type", "sc:Sequence").putArray("canvases");
        ObjectNode c1 = canvases.addObject().put("@id", site.url(path + "/canvas/1")).put("@type", "sc:Canvas")
                .put("label", "front");
        ObjectNode res = c1.putArray("images").addObject().put("@type", "oa:Annotation").putObject("resource")
                .put("@id", site.url("/iiif/img" + image + "/full/full/0/default.jpg")).put("@type", "dctypes:Image");
        res.putObject("service").put("@context", "http://iiif.io/api/image/2/context.json")
                .put("@id", site.url("/iiif/img" + image)).put("profile", "http://iiif.io/api/image/2/level1.json");
        canvases.addObject().put("@id", site.url(path + "/canvas/2")).put("@type", "sc:Canvas").put("label", "back")
                .putArray("images");
        return m.toString();
    }

    /** Presentation 2.1 without a service: the image resource's URL is used as it is. */
    private static String manifestV2Plain(String path, JsonNode note, int image) {
        return """
                {"@context": "http://iiif.io/api/presentation/2/context.json", "@id": "%s", "@type": "sc:Manifest",
                 "label": [{"@value": "Titre", "@language": "fr"}, {"@value": %s, "@language": "en"}],
                 "sequences": [{"canvases": [{"@id": "%s", "@type": "sc:Canvas", "images": [{"resource":
                   {"@id": "%s", "@type": "dctypes:Image"}}]}]}]}
                """.formatted(site.url(path), esc(note.get("title").asText()), site.url(path + "/c1"),
                site.url("/plain/img" + image + ".jpg"));
    }

    /** Presentation 3.0: language maps, navDate, an ImageService3 canvas, then a 404, an HTML page and a cut image. */
    private static String manifestV3(String path, JsonNode note, int image) {
        String tags = JSON.convertValue(note.get("tags"), List.class).stream().map(t -> esc((String) t))
                .collect(Collectors.joining(", ")).toString();
        return """
                {"@context": "http://iiif.io/api/presentation/3/context.json", "id": "%1$s", "type": "Manifest",
                 "label": {"en": [%2$s]}, "summary": {"en": [%3$s]}, "navDate": "%4$s-01-01T00:00:00Z",
                 "metadata": [{"label": {"en": ["Creator"]}, "value": {"none": [%5$s]}},
                              {"label": {"en": ["Keywords"]}, "value": {"en": [%6$s]}},
                              {"label": {"en": ["Call number"]}, "value": {"none": ["BG C17/971"]}}],
                 "rights": "http://rightsstatements.org/vocab/InC/1.0/",
                 "items": [%7$s, %8$s, %9$s, %10$s]}
                """.formatted(site.url(path), esc(note.get("title").asText()), esc(note.get("description").asText()),
                note.get("date").asText(), esc(note.get("designer").asText()), tags,
                canvasV3(path, 1, site.url("/iiif/img" + image), true),
                canvasV3(path, 2, site.url("/plain/missing.jpg"), false),
                canvasV3(path, 3, site.url("/iiif/html"), true),
                canvasV3(path, 4, site.url("/iiif/cut"), true));
    }

    private static String canvasV3(String path, int k, String image, boolean service) {
        String body = service
                ? "{\"id\": \"" + image + "/full/max/0/default.jpg\", \"type\": \"Image\", \"format\": \"image/jpeg\","
                + " \"service\": [{\"id\": \"" + image + "\", \"type\": \"ImageService3\", \"profile\": \"level1\"}]}"
                : "{\"id\": \"" + image + "\", \"type\": \"Image\", \"format\": \"image/jpeg\"}";
        return """
                {"id": "%1$s/canvas/%2$d", "type": "Canvas", "label": {"none": ["p. %2$d"]}, "height": 1000, "width": 800,
                 "items": [{"id": "%1$s/page/%2$d", "type": "AnnotationPage", "items": [{"id": "%1$s/anno/%2$d",
                   "type": "Annotation", "motivation": "painting", "body": %3$s, "target": "%1$s/canvas/%2$d"}]}]}
                """.formatted(site.url(path), k, body);
    }

    @Test
    void manifestsMapTheirFieldsAndAskForTheChosenSize() {
        try (HttpFetcher http = WebOptions.defaults().newFetcher()) {
            CollectionIndex index = WebSource.iiif(List.of("iiif:" + site.url("/collection.json")))
                    .index(http, WebOptions.defaults());
            Map<String, CollectionItem> items = index.items().stream()
                    .collect(Collectors.toMap(CollectionItem::itemId, i -> i, (a, b) -> a, TreeMap::new));
            assertEquals(List.of("a", "b", "b#p2", "b#p3", "b#p4", "c"), List.copyOf(items.keySet()));
            assertEquals(site.url("/iiif/img0/full/!2000,2000/0/default.jpg"), items.get("a").file());
            assertEquals(site.url("/iiif/img1/full/!2000,2000/0/default.jpg"), items.get("b").file());
            assertEquals(site.url("/plain/img2.jpg"), items.get("c").file());

            var a = items.get("a").metadata();
            assertEquals(notes.get(0).get("title").asText(), a.title());
            assertEquals(notes.get(0).get("description").asText(), a.description());
            assertEquals(1949, a.date().fromYear());
            assertEquals(notes.get(0).get("designer").asText(), a.designer());
            assertEquals(JSON.convertValue(notes.get(0).get("tags"), List.class), a.tags());
            assertEquals("IISH collection & others", a.extra().get("Collection"), "kept, HTML reduced to text");
            assertEquals("IISH collection", a.extra().get("attribution"));
            assertEquals(site.url("/a/manifest.json"), a.extra().get("manifest"));
            assertEquals("front", a.extra().get("canvas_label"));

            var b = items.get("b").metadata();
            assertEquals(notes.get(1).get("title").asText(), b.title());
            assertEquals(notes.get(1).get("description").asText(), b.description(), "summary");
            assertEquals(1966, b.date().fromYear(), "navDate");
            assertEquals("1966-01-01T00:00:00Z", b.date().raw());
            assertEquals(notes.get(1).get("designer").asText(), b.designer());
            assertEquals(JSON.convertValue(notes.get(1).get("tags"), List.class), b.tags());
            assertEquals("BG C17/971", b.extra().get("Call number"));
            assertEquals("http://rightsstatements.org/vocab/InC/1.0/", b.extra().get("rights"));
            assertEquals(notes.get(2).get("title").asText(), items.get("c").metadata().title(), "English label chosen");

            Map<String, String> errors = index.sourceErrors().stream()
                    .collect(Collectors.toMap(e -> e.itemId(), e -> e.problem(), (x, y) -> x, TreeMap::new));
            assertEquals(Map.of("a#p2", "IIIF_BROKEN_CANVAS", "gone", "HTTP_NOT_FOUND"), errors);

            // full size: "full" in Image API 2, "max" in 3
            CollectionIndex full = WebSource.iiif(List.of("iiif:" + site.url("/a/manifest.json"),
                    "iiif:" + site.url("/b/manifest"))).index(http, WebOptions.defaults().withMaxSide(0));
            assertEquals(site.url("/iiif/img0/full/full/0/default.jpg"), full.items().get(0).file());
            assertEquals(site.url("/iiif/img1/full/max/0/default.jpg"), full.items().get(1).file());
        }
    }

    @Test
    void aManifestFileWorksAsAUrl() throws IOException {
        Path file = Files.writeString(dir.resolve("manifest.json"), manifestV2("/a/manifest.json", notes.get(0), 0));
        try (HttpFetcher http = WebOptions.defaults().newFetcher()) {
            CollectionIndex index = WebSource.iiif(List.of("iiif:" + file)).index(http, WebOptions.defaults());
            assertEquals(List.of("a"), index.items().stream().map(CollectionItem::itemId).toList());
        }
    }

    private static Map<String, List<String>> boxes(CensusResult r) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ItemRecord item : r.items()) {
            out.put(item.itemId(), item.faces().stream().map(WebCensusTest::box).toList());
        }
        return out;
    }

    private static String box(FaceRecord f) {
        return f.x() + "," + f.y() + "," + f.width() + "," + f.height() + "," + f.gender() + "," + f.probability();
    }

    @Test
    void aIiifCensusHasAnErrorPerBadItemAndTheSameFacesAsTheFilesThemselves() throws IOException {
        CensusResult web = Census.of(WebSource.iiif(List.of("iiif:" + site.url("/collection.json"))))
                .web(WebOptions.defaults().withAttempts(2)).out(dir.resolve("web")).threads(2).analyzer(analyzer)
                .summariser((o, i, r) -> { }).run();
        Map<String, ItemRecord> items = web.items().stream()
                .collect(Collectors.toMap(ItemRecord::itemId, i -> i, (a, b) -> a, TreeMap::new));
        Map<String, String> problems = new TreeMap<>();
        items.forEach((id, r) -> problems.put(id, r.problem()));
        assertEquals(Map.of("a", "", "a#p2", "IIIF_BROKEN_CANVAS", "b", "", "b#p2", "HTTP_NOT_FOUND",
                "b#p3", "HTTP_WRONG_CONTENT_TYPE", "b#p4", "HTTP_TRUNCATED", "c", "", "gone", "HTTP_NOT_FOUND"), problems);
        assertTrue(items.get("b#p3").error().contains("text/html"), items.get("b#p3").error());
        assertTrue(items.get("b#p4").error().contains("got "), items.get("b#p4").error());
        assertEquals(notes.get(1).get("title").asText(), items.get("b").metadata().title());
        String csv = Files.readString(dir.resolve("web/items.csv"), StandardCharsets.UTF_8);
        assertTrue(csv.contains("HTTP_TRUNCATED") && csv.contains("IIIF_BROKEN_CANVAS"), csv);
        assertTrue(site.requested.contains("/iiif/img1/full/!2000,2000/0/default.jpg"), site.requested.toString());

        // the same three images as files: the same faces, box for box
        Path folder = Files.createDirectories(dir.resolve("files"));
        for (int i = 0; i < IMAGES.size(); i++) {
            Files.copy(SharedPhotos.data(IMAGES.get(i)), folder.resolve("abc".charAt(i) + ".jpg"));
        }
        CensusResult local = Census.of(folder).out(dir.resolve("local")).threads(2).analyzer(analyzer)
                .summariser((o, i, r) -> { }).run();
        Map<String, List<String>> webBoxes = boxes(web);
        webBoxes.keySet().retainAll(List.of("a", "b", "c"));
        assertEquals(boxes(local), webBoxes);
        assertTrue(web.faces() > 0, "the artworks show faces");
    }

    @Test
    void aUrlListIsACollectionWithABadUrlAndA404() throws IOException {
        Path list = Files.writeString(dir.resolve("urls.csv"), """
                url,id,title,date,tags,collection
                %s,girl,Girl with an orchid,1950s,illustration;woman,RGH
                %s,,A photo,2001,photo,People-Art
                %s,missing,Gone,1900,,
                ftp://example.invalid/x.jpg,ftp,Not http,1900,,
                """.formatted(site.url("/plain/img0.jpg"), site.url("/plain/img1.jpg"), site.url("/plain/nothing.jpg")));
        CensusResult r = Census.of(WebSource.urlList(list)).out(dir.resolve("out")).threads(2).analyzer(analyzer)
                .summariser((o, i, run) -> { }).run();
        Map<String, ItemRecord> items = r.items().stream()
                .collect(Collectors.toMap(ItemRecord::itemId, i -> i, (a, b) -> a, TreeMap::new));
        assertEquals(List.of("ftp", "girl", "img1", "missing"), List.copyOf(items.keySet()));
        assertEquals("BAD_URL", items.get("ftp").problem());
        assertEquals("HTTP_NOT_FOUND", items.get("missing").problem());
        assertFalse(items.get("girl").failed());
        assertEquals("Girl with an orchid", items.get("girl").metadata().title());
        assertEquals(List.of("illustration", "woman"), items.get("girl").metadata().tags());
        assertEquals("RGH", items.get("girl").metadata().extra().get("collection"));
        assertEquals(site.url("/plain/img0.jpg"), items.get("girl").metadata().extra().get("url"));
        assertEquals(2001, items.get("img1").metadata().date().fromYear());
    }
}
