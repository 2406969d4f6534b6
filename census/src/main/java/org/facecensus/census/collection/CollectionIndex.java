package org.facecensus.census.collection;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;
import org.facecensus.image.ImageFormat;
import org.facecensus.image.ImageLoader;

/**
 * The items of a collection: every image under a folder (recursively), joined to its catalogue record by id or
 * file name, plus the catalogue rows that no image matched, the rows that could not be read, and every file that
 * is not analysed, counted by reason.
 *
 * <p>A file is an image by its content, not its name ({@link ImageFormat#sniff(byte[])}): a JPEG named
 * {@code .png} is analysed. A file whose name says it is an image of a decodable format ({@code .jpg},
 * {@code .tif}, ...) is an item even when its content is not, so that items.csv says what is wrong with it (a
 * text file named {@code .jpg} is an item with the error NOT_AN_IMAGE). Every other file is skipped and counted
 * in {@link #skippedFiles()} under "{@code .ext (reason)}": {@code .heic (unsupported format: HEIF)},
 * {@code .txt (not an image)}, {@code hidden (name starts with '.')} for hidden files and the contents of hidden
 * folders. Only the census's own output folder (when it is inside the collection) is left out without a count.
 *
 * <p>A multi-page TIFF is one item, its first page, and its other pages are counted in {@link
 * #pagesNotAnalysed()}; with {@code allPages} each page is its own item, page 1 under the file's item id and page
 * k under {@code <id>#pk} ({@code scan#p2}), all with the file's catalogue record. Reduced-resolution previews
 * are not pages.
 *
 * <p>A record joins an image when its id or file equals the image's relative path, its file name, or
 * either without extension. The item id is the record's id when it has one that is not a file name;
 * otherwise the file name without extension, or the relative path without extension when two images
 * share a name.
 *
 * <p>Thread-safety: immutable.
 *
 * @param root             the collection folder
 * @param items            images (and their pages), sorted by relative path, then page
 * @param unmatched        catalogue records without an image, in file order
 * @param rowErrors        catalogue rows that could not be read
 * @param skippedFiles     files not analysed, counted by "{@code .ext (reason)}", sorted by that key
 * @param pagesNotAnalysed later pages of multi-page TIFFs that were not analysed (0 with {@code allPages})
 * @param sourceErrors     items a web source named but could not describe (a broken IIIF canvas, a manifest that
 *                         could not be fetched, a URL list row without a usable URL); each becomes an item with
 *                         its error in items.csv
 */
public record CollectionIndex(Path root, List<CollectionItem> items, List<ItemMetadata> unmatched,
                              List<MetadataRowError> rowErrors, Map<String, Integer> skippedFiles,
                              int pagesNotAnalysed, List<SourceError> sourceErrors) {
    /** The key under which hidden files (and everything in hidden folders) are counted. */
    public static final String HIDDEN = "hidden (name starts with '.')";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CollectionIndex.class);
    private static final ImageLoader PAGES = ImageLoader.defaults();

    public CollectionIndex {
        items = List.copyOf(items);
        unmatched = List.copyOf(unmatched);
        rowErrors = List.copyOf(rowErrors);
        skippedFiles = Collections.unmodifiableMap(new TreeMap<>(skippedFiles));
        sourceErrors = List.copyOf(sourceErrors);
    }

    /** A folder's index: no source errors. */
    public CollectionIndex(Path root, List<CollectionItem> items, List<ItemMetadata> unmatched,
                           List<MetadataRowError> rowErrors, Map<String, Integer> skippedFiles, int pagesNotAnalysed) {
        this(root, items, unmatched, rowErrors, skippedFiles, pagesNotAnalysed, List.of());
    }

    /** An index that skipped nothing (as before files were counted). */
    public CollectionIndex(Path root, List<CollectionItem> items, List<ItemMetadata> unmatched,
                           List<MetadataRowError> rowErrors) {
        this(root, items, unmatched, rowErrors, Map.of(), 0);
    }

    /** Files not analysed, in all. */
    public int skippedCount() {
        return skippedFiles.values().stream().mapToInt(Integer::intValue).sum();
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
        return scan(root, metadata, excluded, false);
    }

    /** As {@link #scan(Path, MetadataFile, Path)}; {@code allPages}: every page of a multi-page TIFF is an item. */
    public static CollectionIndex scan(Path root, MetadataFile metadata, Path excluded, boolean allPages) {
        if (!Files.isDirectory(root)) {
            throw new FaceCensusException("collection folder " + root + " does not exist or is not a folder; "
                    + "give the folder that holds the images");
        }
        Map<String, Integer> skipped = new TreeMap<>();
        List<Path> images = listImages(root, excluded, skipped);
        if (!skipped.isEmpty()) {
            LOG.info("{} files under {} are not analysed: {}", skipped.values().stream().mapToInt(Integer::intValue)
                    .sum(), root, skipped);
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
        int pagesNotAnalysed = 0;
        int multiPageFiles = 0;
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
            items.add(new CollectionItem(id, relative, image, match, 0));
            int pages = pageCount(image);
            if (pages > 1) {
                multiPageFiles++;
                if (allPages) {
                    for (int page = 1; page < pages; page++) {
                        String pageId = id + "#p" + (page + 1);
                        for (int n = 2; !ids.add(pageId); n++) {
                            pageId = id + "#p" + (page + 1) + "#" + n;
                        }
                        items.add(new CollectionItem(pageId, relative, image, match, page));
                    }
                } else {
                    pagesNotAnalysed += pages - 1;
                }
            }
        }
        if (pagesNotAnalysed > 0) {
            LOG.info("{} later pages of {} multi-page TIFF files are not analysed (only each file's first page is); "
                    + "--all-pages analyses every page as its own item", pagesNotAnalysed, multiPageFiles);
        }
        List<ItemMetadata> unmatched = records.stream().filter(m -> !used.containsKey(m)).toList();
        return new CollectionIndex(root, items, unmatched, metadata == null ? List.of() : metadata.errors(), skipped,
                pagesNotAnalysed);
    }

    /** A TIFF's pages (1 for every other file, and for a TIFF whose directories are unreadable: its decode says why). */
    private static int pageCount(Path image) {
        try {
            return ImageFormat.sniff(image).orElse(null) == ImageFormat.TIFF ? PAGES.pageCount(image) : 1;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /**
     * The files to analyse, sorted; every other file counted in {@code skipped}. Hidden files and folders are
     * counted, not analysed: they are thumbnails, resource forks ({@code ._photo.jpg}) and tools' own files.
     */
    private static List<Path> listImages(Path root, Path excluded, Map<String, Integer> skipped) {
        Path skip = excluded == null ? null : excluded.toAbsolutePath().normalize();
        List<Path> images = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (skip != null && dir.toAbsolutePath().normalize().startsWith(skip)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String reason = reasonToSkip(root, file);
                    if (reason == null) {
                        images.add(file);
                    } else {
                        skipped.merge(reason, 1, Integer::sum);
                        LOG.debug("not analysed: {} ({})", file, reason);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A folder or file that cannot even be listed: counted, and the rest of the scan goes on.
                    String reason = hidden(root, file) ? HIDDEN : "unreadable (" + e.getClass().getSimpleName() + ")";
                    skipped.merge(reason, 1, Integer::sum);
                    LOG.warn("cannot read {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new FaceCensusException("cannot list collection folder " + root + ": " + e.getMessage(), e);
        }
        images.sort(null);
        return images;
    }

    /** Null when {@code file} is to be analysed, else the key it is counted under. */
    private static String reasonToSkip(Path root, Path file) {
        if (hidden(root, file)) {
            return HIDDEN;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        String label = extension.isEmpty() ? "no extension" : "." + extension;
        if (Files.isDirectory(file)) {
            // Links to folders are not followed: they could loop, or count a folder twice.
            return "link to a folder (not followed)";
        }
        if (!Files.isRegularFile(file)) {
            return label + " (not a regular file: a link to nothing, a device or a pipe)";
        }
        boolean imageName = ImageFormat.forExtension(extension).map(ImageFormat::isDecodable).orElse(false);
        byte[] head;
        try {
            head = ImageFormat.head(file);
        } catch (IOException e) {
            // An image by name: an item, whose error (UNREADABLE) is in items.csv.
            return imageName ? null : label + " (unreadable: " + e.getClass().getSimpleName() + ")";
        }
        ImageFormat format = ImageFormat.sniff(head).orElse(null);
        if (imageName || format != null && format.isDecodable()) {
            return null;
        }
        if (format != null) {
            return label + " (unsupported format: " + format.displayName() + ")";
        }
        return label + (head.length == 0 ? " (empty file)" : " (not an image)");
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the name ends in the extension of a format FaceCensus decodes (jpg, png, tif, webp, jp2, ...). The
     * scan itself goes by content; this is for callers that have only a name.
     */
    public static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && ImageFormat.decodableExtensions().contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
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
