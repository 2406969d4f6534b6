package org.facecensus.census.collection.web;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.facecensus.census.ItemMetadata;
import org.facecensus.census.collection.CatalogueField;
import org.facecensus.census.collection.CatalogueOptions;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.collection.MetadataFile;
import org.facecensus.census.collection.SourceError;
import org.facecensus.http.HttpFetcher;

/**
 * A collection given as a list of image URLs: a catalogue file (CSV, JSON Lines or {@code .xlsx}, read by
 * {@link MetadataFile} with its encoding and delimiter detection) with a {@code url} column plus any catalogue
 * fields (id, title, date, designer, tags, description; other columns are kept). The item id is the row's
 * {@code id}, else the URL's file name without extension ({@code ~2}, {@code ~3} appended to repeats). A row whose
 * URL is not an absolute http(s) URL is an item with the error {@code BAD_URL}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param file    the list
 * @param options how to read it; {@code url} is always the column the URL is read from
 */
public record UrlList(Path file, CatalogueOptions options) implements WebSource {
    /** The column that holds each image's URL. */
    public static final String URL_COLUMN = "url";

    public UrlList {
        file = file.toAbsolutePath().normalize();
        options = options == null ? CatalogueOptions.DETECT : options;
    }

    public UrlList(Path file) {
        this(file, CatalogueOptions.DETECT);
    }

    @Override
    public String name() {
        return "urls:" + file;
    }

    @Override
    public CollectionIndex index(HttpFetcher http, WebOptions web) {
        // The url column is read as the catalogue's join key (file): rows need no id, and a real "file" column is
        // kept as "file (not mapped)".
        MetadataFile list = MetadataFile.read(file, options.withColumns(options.columns().with(CatalogueField.FILE,
                URL_COLUMN)));
        List<CollectionItem> items = new ArrayList<>();
        List<SourceError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ItemMetadata row : list.records()) {
            String url = row.extra().getOrDefault("file", row.id());
            Map<String, String> extra = new LinkedHashMap<>(row.extra());
            extra.remove("file");
            extra.put(URL_COLUMN, url);
            boolean hasId = !Objects.equals(row.id(), url);
            String id = unique(hasId ? row.id() : stem(url), ids);
            ItemMetadata metadata = new ItemMetadata(id, row.title(), row.date(), row.designer(), row.tags(),
                    row.description(), extra);
            URI uri = httpUri(url);
            if (uri == null) {
                errors.add(new SourceError(id, url, metadata, "BAD_URL", "'" + url + "' is not an absolute http(s) "
                        + "URL; fix the url column of " + file.getFileName()));
            } else {
                items.add(CollectionItem.web(id, uri, metadata));
            }
        }
        return new CollectionIndex(null, items, List.of(), list.errors(), Map.of(), 0, errors);
    }

    static URI httpUri(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The URL's last path segment without extension, or "item" when it has none. */
    static String stem(String url) {
        String path = url.replaceFirst("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        String stem = dot > 0 ? last.substring(0, dot) : last;
        return stem.isBlank() ? "item" : stem;
    }

    /** {@code id}, or {@code id~2}, {@code id~3}... when it is taken. */
    static String unique(String id, Set<String> taken) {
        String candidate = id;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = id + "~" + n;
        }
        return candidate;
    }
}
