package org.facecensus.census.collection.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.FaceCensusException;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.collection.CatalogDates;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.collection.SourceError;
import org.facecensus.http.FetchRequest;
import org.facecensus.http.HttpFetchException;
import org.facecensus.http.HttpFetcher;

/**
 * A collection read from IIIF Presentation API 2.1 or 3.0 manifests and collections, each a URL or a file.
 *
 * <p><b>Items.</b> Every canvas is an item. Its id is the manifest's key (the last meaningful segment of the
 * manifest's id: {@code .../abc/manifest.json} gives {@code abc}; {@code ~2} appended to repeats), and for the
 * k-th canvas (k &gt; 1) {@code key#pk}, as the pages of a TIFF. A collection's manifests (and nested collections)
 * are fetched in order; one that cannot be fetched or read is an item with its error, and the others go on.
 *
 * <p><b>Images</b> come through the canvas's Image API service, at the size of {@link WebOptions#maxSide()}:
 * {@code SERVICE/full/!2000,2000/0/default.jpg} (Image API 2 and 3; {@code native.jpg} for 1), or the full size
 * ({@code full} in 1–2, {@code max} in 3). The Image API version is read from the service's {@code @context},
 * {@code type} or {@code profile}. A canvas without a service uses its image resource's URL as it is. A canvas
 * without an image is an item with the error {@code IIIF_BROKEN_CANVAS}.
 *
 * <p><b>Catalogue fields.</b> title ← {@code label}; description ← {@code description} (2.1) or {@code summary}
 * (3.0); date ← {@code navDate} (its year), else a metadata pair labelled date/created; designer ← a metadata
 * pair labelled creator, artist, designer, author or maker; tags ← pairs labelled subject(s), tags, keywords,
 * genre, style or theme (split at ';' and '|'). Every other metadata pair is kept under its label, with the
 * manifest and canvas ids, the canvas label, navDate, attribution / requiredStatement, license / rights and the
 * image service. Language maps take English, else "none", else the first language; HTML is reduced to text.
 *
 * <p>Thread-safety: immutable.
 *
 * @param locations manifest or collection URLs (http, https) or files
 */
public record IiifSource(List<String> locations) implements WebSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 8;
    private static final Pattern YEAR = Pattern.compile("^(-?\\d{4})");
    private static final Set<String> DATE_LABELS = Set.of("date", "created", "date created", "creation date", "dates");
    private static final Set<String> DESIGNER_LABELS = Set.of("creator", "artist", "designer", "author", "maker",
            "creator/contributor");
    private static final Set<String> TAG_LABELS = Set.of("subject", "subjects", "tags", "keywords", "genre", "style",
            "theme", "topic");

    public IiifSource {
        locations = List.copyOf(locations);
    }

    @Override
    public String name() {
        return "iiif:" + String.join(" iiif:", locations);
    }

    @Override
    public CollectionIndex index(HttpFetcher http, WebOptions web) {
        Walk walk = new Walk(http, web);
        for (String location : locations) {
            JsonNode root = readTop(location, http);
            walk.node(root, location, 0);
        }
        return new CollectionIndex(null, walk.items, List.of(), List.of(), Map.of(), 0, walk.errors);
    }

    private static JsonNode readTop(String location, HttpFetcher http) {
        URI uri = UrlList.httpUri(location);
        try {
            byte[] bytes;
            if (uri != null) {
                bytes = fetchJson(http, uri);
            } else {
                Path file = Path.of(location);
                if (!Files.isRegularFile(file)) {
                    throw new FaceCensusException("IIIF source '" + location + "' is neither an http(s) URL nor a file; "
                            + "write iiif:https://... or iiif:path/to/manifest.json");
                }
                bytes = Files.readAllBytes(file);
            }
            return JSON.readTree(bytes);
        } catch (HttpFetchException e) {
            throw new FaceCensusException("Cannot fetch the IIIF manifest or collection " + location + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new FaceCensusException("The IIIF source " + location + " is not JSON (" + e.getMessage()
                    + "); give a Presentation API 2.1 or 3.0 manifest or collection", e);
        }
    }

    private static byte[] fetchJson(HttpFetcher http, URI uri) {
        return http.fetch(FetchRequest.of(uri).expecting("application/json", "application/ld+json")).body();
    }

    /** One pass over the sources, collecting items and errors with unique keys. */
    private static final class Walk {
        final HttpFetcher http;
        final WebOptions web;
        final List<CollectionItem> items = new ArrayList<>();
        final List<SourceError> errors = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        final Set<String> visited = new HashSet<>();

        Walk(HttpFetcher http, WebOptions web) {
            this.http = http;
            this.web = web;
        }

        void node(JsonNode node, String from, int depth) {
            String type = type(node);
            String id = id(node);
            if (!id.isEmpty() && !visited.add(id)) {
                return; // a collection that lists a manifest twice, or a cycle of collections
            }
            if (type.equals("collection")) {
                if (depth >= MAX_DEPTH) {
                    errors.add(new SourceError(UrlList.unique(key(id), keys), id, null, "IIIF_TOO_DEEP",
                            "collections nested more than " + MAX_DEPTH + " deep; give the inner collection itself"));
                    return;
                }
                for (JsonNode member : members(node)) {
                    member(member, depth + 1);
                }
            } else if (type.equals("manifest")) {
                manifest(node);
            } else {
                errors.add(new SourceError(UrlList.unique(key(id.isEmpty() ? from : id), keys), id.isEmpty() ? from : id,
                        null, "IIIF_BAD_MANIFEST", "not a IIIF manifest or collection (type '" + type + "'); give a "
                        + "Presentation API 2.1 or 3.0 manifest or collection"));
            }
        }

        private void member(JsonNode member, int depth) {
            String id = id(member);
            boolean embedded = member.has("sequences") || member.has("canvases")
                    || (member.has("items") && type(member).equals("manifest"))
                    || (type(member).equals("collection") && (member.has("items") || member.has("manifests")
                    || member.has("collections") || member.has("members")));
            if (embedded) {
                node(member, id, depth);
                return;
            }
            URI uri = UrlList.httpUri(id);
            if (uri == null) {
                errors.add(new SourceError(UrlList.unique(key(id), keys), id, null, "BAD_URL",
                        "collection member '" + id + "' has no http(s) id to fetch it from"));
                return;
            }
            JsonNode fetched;
            try {
                fetched = JSON.readTree(fetchJson(http, uri));
            } catch (HttpFetchException e) {
                errors.add(new SourceError(UrlList.unique(key(id), keys), id, null, WebImages.problem(e), e.getMessage()));
                return;
            } catch (IOException e) {
                errors.add(new SourceError(UrlList.unique(key(id), keys), id, null, "IIIF_BAD_MANIFEST",
                        "manifest " + id + " is not JSON: " + e.getMessage()));
                return;
            }
            node(fetched, id, depth);
        }

        private void manifest(JsonNode m) {
            String manifestId = id(m);
            boolean v3 = isV3(m);
            String key = UrlList.unique(key(manifestId), keys);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("manifest", manifestId);
            String title = text(m.get("label"));
            String description = text(v3 ? m.get("summary") : m.get("description"));
            String navDate = m.path("navDate").asText("");
            String dateText = "";
            String designer = "";
            List<String> tags = new ArrayList<>();
            for (JsonNode pair : m.path("metadata")) {
                String label = text(pair.get("label")).strip();
                String value = text(pair.get("value")).strip();
                String l = label.toLowerCase(Locale.ROOT);
                if (DATE_LABELS.contains(l) && dateText.isEmpty()) {
                    dateText = value;
                } else if (DESIGNER_LABELS.contains(l) && designer.isEmpty()) {
                    designer = value;
                } else if (TAG_LABELS.contains(l)) {
                    for (String t : value.split("[;|]")) {
                        if (!t.isBlank()) {
                            tags.add(t.strip());
                        }
                    }
                } else if (l.equals("title") && title.isEmpty()) {
                    title = value;
                } else if (l.equals("description") && description.isEmpty()) {
                    description = value;
                } else if (!label.isEmpty()) {
                    extra.merge(label, value, (a, b) -> a + "; " + b);
                }
            }
            CatalogDate date = navDate.isEmpty() ? CatalogDates.parse(dateText) : fromNavDate(navDate);
            if (!navDate.isEmpty()) {
                extra.put("navDate", navDate);
                if (!dateText.isEmpty()) {
                    extra.put("date (metadata)", dateText);
                }
            }
            putText(extra, "attribution", m.get("attribution"));
            putText(extra, "requiredStatement", m.path("requiredStatement").get("value"));
            putText(extra, "license", m.get("license"));
            putText(extra, "rights", m.get("rights"));
            List<JsonNode> canvases = canvases(m, v3);
            if (canvases.isEmpty()) {
                errors.add(new SourceError(key, manifestId, meta(key, title, date, designer, tags, description, extra),
                        "IIIF_NO_CANVAS", "manifest " + manifestId + " has no canvases; nothing to analyse"));
                return;
            }
            for (int k = 0; k < canvases.size(); k++) {
                JsonNode canvas = canvases.get(k);
                String itemId = k == 0 ? key : key + "#p" + (k + 1);
                Map<String, String> own = new LinkedHashMap<>(extra);
                own.put("canvas", id(canvas));
                String canvasLabel = text(canvas.get("label"));
                if (!canvasLabel.isEmpty()) {
                    own.put("canvas_label", canvasLabel);
                }
                Image image = image(canvas, v3);
                if (image == null) {
                    errors.add(new SourceError(itemId, id(canvas), meta(itemId, title, date, designer, tags,
                            description, own), "IIIF_BROKEN_CANVAS", "canvas " + (k + 1) + " (" + id(canvas)
                            + ") of manifest " + manifestId + " has no image resource with an id"));
                    continue;
                }
                URI uri = UrlList.httpUri(image.url(web.maxSide()));
                if (uri == null) {
                    errors.add(new SourceError(itemId, image.url(web.maxSide()), meta(itemId, title, date, designer,
                            tags, description, own), "IIIF_BROKEN_CANVAS", "canvas " + (k + 1) + " of manifest "
                            + manifestId + " names its image by '" + image.url(web.maxSide())
                            + "', not an http(s) URL"));
                    continue;
                }
                if (image.service() != null) {
                    own.put("iiif_image_service", image.service());
                }
                items.add(CollectionItem.web(itemId, uri, meta(itemId, title, date, designer, tags, description, own)));
            }
        }
    }

    private static ItemMetadata meta(String id, String title, CatalogDate date, String designer, List<String> tags,
                                     String description, Map<String, String> extra) {
        return new ItemMetadata(id, title, date, designer, tags, description, extra);
    }

    private static CatalogDate fromNavDate(String navDate) {
        Matcher m = YEAR.matcher(navDate.strip());
        if (!m.find()) {
            return CatalogDate.unparsed(navDate);
        }
        int year = Integer.parseInt(m.group(1));
        CatalogDate parsed = CatalogDates.parse(Integer.toString(year));
        return parsed.parsed() ? new CatalogDate(navDate, year, year) : CatalogDate.unparsed(navDate);
    }

    private static List<JsonNode> canvases(JsonNode m, boolean v3) {
        List<JsonNode> out = new ArrayList<>();
        if (v3) {
            for (JsonNode c : m.path("items")) {
                if (type(c).equals("canvas")) {
                    out.add(c);
                }
            }
        } else {
            JsonNode seq = m.path("sequences");
            if (seq.isArray() && !seq.isEmpty()) {
                seq.get(0).path("canvases").forEach(out::add);
            }
        }
        return out;
    }

    /** A canvas's image: a service base (resized on request) or a plain URL. */
    private record Image(String service, int imageApi, String resource) {
        String url(int maxSide) {
            if (service == null) {
                return resource;
            }
            String size = maxSide > 0 ? "!" + maxSide + "," + maxSide : imageApi >= 3 ? "max" : "full";
            String quality = imageApi == 1 ? "native" : "default";
            return service.replaceAll("/+$", "") + "/full/" + size + "/0/" + quality + ".jpg";
        }
    }

    private static Image image(JsonNode canvas, boolean v3) {
        JsonNode resource;
        if (v3) {
            JsonNode annotation = canvas.path("items").path(0).path("items").path(0);
            resource = annotation.get("body");
            if (resource != null && resource.isArray()) {
                resource = resource.path(0);
            }
        } else {
            resource = canvas.path("images").path(0).get("resource");
        }
        if (resource == null || resource.isMissingNode() || !resource.isObject()) {
            return null;
        }
        if (type(resource).equals("choice") || type(resource).equals("oa:choice")) {
            JsonNode first = v3 ? resource.path("items").path(0) : resource.path("default");
            resource = first.isMissingNode() ? resource : first;
        }
        JsonNode service = resource.get("service");
        if (service != null && service.isArray()) {
            service = service.size() == 0 ? null : service.get(0);
        }
        String resourceId = id(resource);
        if (service != null && service.isObject() && !id(service).isEmpty()) {
            return new Image(id(service), imageApiVersion(service, v3), resourceId);
        }
        return resourceId.isEmpty() ? null : new Image(null, 0, resourceId);
    }

    private static int imageApiVersion(JsonNode service, boolean v3) {
        String context = service.path("@context").toString();
        String type = service.path("type").asText(service.path("@type").asText(""));
        String profile = service.path("profile").toString();
        if (context.contains("/image/3") || type.equals("ImageService3")) {
            return 3;
        }
        if (context.contains("/image/2") || type.equals("ImageService2") || profile.contains("/image/2/")) {
            return 2;
        }
        if (context.contains("/image/1") || type.equals("ImageService1") || profile.contains("/image/1/")) {
            return 1;
        }
        return v3 ? 3 : 2;
    }

    private static boolean isV3(JsonNode node) {
        return node.path("@context").toString().contains("presentation/3");
    }

    /** "manifest" or "collection" (v2's sc:Manifest and v3's Manifest alike), lower case; else the raw type. */
    private static String type(JsonNode node) {
        String t = node.path("type").asText(node.path("@type").asText(""));
        String plain = t.replaceFirst("^sc:", "").toLowerCase(Locale.ROOT);
        return plain;
    }

    private static String id(JsonNode node) {
        return node.path("id").asText(node.path("@id").asText(""));
    }

    /** Collection members: v2 collections + manifests (+ members), v3 items. */
    private static List<JsonNode> members(JsonNode collection) {
        List<JsonNode> out = new ArrayList<>();
        collection.path("collections").forEach(out::add);
        collection.path("manifests").forEach(out::add);
        collection.path("members").forEach(out::add);
        collection.path("items").forEach(out::add);
        return out;
    }

    /** The key an item id is built from: the manifest id's last meaningful path segment. */
    static String key(String manifestId) {
        String path = manifestId.replaceFirst("[?#].*$", "");
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String s = segments[i].replaceFirst("(?i)\\.json$", "");
            if (!s.isBlank() && !s.equalsIgnoreCase("manifest") && !s.equalsIgnoreCase("collection")
                    && !s.contains(":")) {
                return s;
            }
        }
        return "manifest";
    }

    /** Text of a IIIF value: a string, {@code {"@value"}}, an array of those, or a v3 language map; tags dropped. */
    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (v.isTextual()) {
            parts.add(v.asText());
        } else if (v.isArray()) {
            // v2: several values, perhaps per language: prefer English ones when some are marked
            List<String> english = new ArrayList<>();
            for (JsonNode e : v) {
                String lang = e.path("@language").asText("");
                String t = text(e);
                if (lang.toLowerCase(Locale.ROOT).startsWith("en")) {
                    english.add(t);
                }
                parts.add(t);
            }
            if (!english.isEmpty()) {
                parts = english;
            }
        } else if (v.isObject() && v.has("@value")) {
            parts.add(v.get("@value").asText());
        } else if (v.isObject()) {
            JsonNode chosen = v.has("en") ? v.get("en") : v.has("none") ? v.get("none")
                    : v.elements().hasNext() ? v.elements().next() : null;
            if (chosen != null) {
                if (chosen.isArray()) {
                    for (JsonNode e : chosen) {
                        parts.add(e.asText());
                    }
                } else {
                    parts.add(chosen.asText());
                }
            }
        } else {
            parts.add(v.asText());
        }
        return String.join("; ", parts.stream().map(IiifSource::plain).filter(s -> !s.isEmpty()).toList());
    }

    private static String plain(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").strip();
    }

    private static void putText(Map<String, String> extra, String key, JsonNode value) {
        String t = text(value);
        if (!t.isEmpty()) {
            extra.put(key, t);
        }
    }
}
