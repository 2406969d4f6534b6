package org.facecensus.census.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;

/**
 * The items of a collection: every image under a folder (recursively, by extension; other files
 * are skipped), joined to its catalogue record by id or file name, plus the catalogue rows that no
 * image matched and the rows that could not be read.
 *
 * <p>A record joins an image when its id or file equals the image's relative path, its file name, or
 * either without extension. The item id is the record's id when it has one that is not a file name;
 * otherwise the file name without extension, or the relative path without extension when two images
 * share a name.
 *
 * <p>Thread-safety: immutable.
 *
 * @param root      the collection folder
 * @param items     images, sorted by relative path
 * @param unmatched catalogue records without an image, in file order
 * @param rowErrors catalogue rows that could not be read
 */
public record CollectionIndex(Path root, List<CollectionItem> items, List<ItemMetadata> unmatched,
                              List<MetadataRowError> rowErrors) {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    public CollectionIndex {
        items = List.copyOf(items);
        unmatched = List.copyOf(unmatched);
        rowErrors = List.copyOf(rowErrors);
    }

    /** Lists the images under {@code root} and joins {@code metadata} (null: no catalogue). */
    public static CollectionIndex scan(Path root, MetadataFile metadata) {
        return scan(root, metadata, null);
    }

    /**
     * As {@link #scan(Path, MetadataFile)}, leaving out the folder {@code excluded} (a census's own
     * output folder inside the collection, whose crops are not items), or nothing when null.
     */
    public static CollectionIndex scan(Path root, MetadataFile metadata, Path excluded) {
        if (!Files.isDirectory(root)) {
            throw new FaceCensusException("collection folder " + root + " does not exist or is not a folder; "
                    + "give the folder that holds the images");
        }
        List<Path> images;
        try (Stream<Path> walk = Files.walk(root)) {
            Path skip = excluded == null ? null : excluded.toAbsolutePath().normalize();
            images = walk.filter(Files::isRegularFile).filter(CollectionIndex::isImageName)
                    .filter(p -> skip == null || !p.toAbsolutePath().normalize().startsWith(skip))
                    .sorted().toList();
        } catch (IOException e) {
            throw new FaceCensusException("cannot list collection folder " + root + ": " + e.getMessage(), e);
        }
        List<ItemMetadata> records = metadata == null ? List.of() : metadata.records();
        Map<String, ItemMetadata> byKey = new HashMap<>();
        for (ItemMetadata m : records) {
            byKey.putIfAbsent(m.id(), m);
            String file = m.extra().get("file");
            if (file != null && !file.isEmpty()) {
                byKey.putIfAbsent(file, m);
            }
        }
        Map<String, Integer> stemCounts = new HashMap<>();
        for (Path image : images) {
            stemCounts.merge(stem(image.getFileName().toString()), 1, Integer::sum);
        }
        Map<ItemMetadata, Boolean> used = new IdentityHashMap<>();
        Set<String> ids = new HashSet<>();
        List<CollectionItem> items = new ArrayList<>();
        for (Path image : images) {
            String relative = relative(root, image);
            String name = image.getFileName().toString();
            ItemMetadata match = null;
            for (String key : List.of(relative, name, stem(relative), stem(name))) {
                ItemMetadata candidate = byKey.get(key);
                if (candidate != null && !used.containsKey(candidate)) {
                    match = candidate;
                    break;
                }
            }
            String id;
            if (match != null && !isFileName(match.id(), relative, name)) {
                id = match.id();
            } else {
                id = stemCounts.get(stem(name)) > 1 ? stem(relative) : stem(name);
            }
            if (!ids.add(id)) {
                id = stem(relative);
                for (int n = 2; !ids.add(id); n++) {
                    id = stem(relative) + "#" + n;
                }
            }
            if (match != null) {
                used.put(match, Boolean.TRUE);
            }
            items.add(new CollectionItem(id, relative, image, match));
        }
        List<ItemMetadata> unmatched = records.stream().filter(m -> !used.containsKey(m)).toList();
        return new CollectionIndex(root, items, unmatched, metadata == null ? List.of() : metadata.errors());
    }

    public static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isFileName(String id, String relative, String name) {
        return id.equals(relative) || id.equals(name);
    }

    private static String relative(Path root, Path image) {
        return root.relativize(image).toString().replace(java.io.File.separatorChar, '/');
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }
}
