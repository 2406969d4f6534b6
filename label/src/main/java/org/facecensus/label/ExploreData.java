package org.facecensus.label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.facecensus.census.CatalogDate;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;

/**
 * A census folder's tables read back into the typed {@link ItemRecord}s the statistics are computed
 * from: {@code items.csv} (catalogue fields, image size, errors) joined with {@code faces.csv}.
 * Columns a census written before image sizes were recorded lacks are read as unknown (0).
 *
 * <p>Thread-safety: stateless.
 */
final class ExploreData {
    /** The columns {@code items.csv} always has; every other column is a catalogue field of its own. */
    private static final Set<String> OWN_COLUMNS = Set.of("item_id", "file", "faces", "men", "women", "unknown",
            "rejected_faces", "composition", "image_width", "image_height", "catalogued", "title", "date", "year_from",
            "year_to", "designer", "tags", "description", "error", "problem");

    private ExploreData() {
    }

    /** Every item of the census, in {@code items.csv} order (sorted by id), with its faces. */
    static List<ItemRecord> items(CensusFolder census) {
        List<CensusItem> items = census.items();
        Map<String, List<FaceRecord>> faces = new LinkedHashMap<>();
        for (CensusFace f : census.faces()) {
            String crop = f.crop() == null ? "" : census.dir().relativize(f.crop()).toString().replace('\\', '/');
            faces.computeIfAbsent(f.key().itemId(), k -> new ArrayList<>()).add(new FaceRecord(f.key().itemId(),
                    f.key().faceIndex(), f.x(), f.y(), f.width(), f.height(), Double.NaN, gender(f.gender()),
                    f.probability(), f.probabilityFace(), crop, ""));
        }
        List<ItemRecord> out = new ArrayList<>(items.size());
        for (CensusItem item : items) {
            out.add(new ItemRecord(item.itemId(), item.file(), metadata(item),
                    faces.getOrDefault(item.itemId(), List.of()), item.column("error"), item.column("problem"),
                    intOr0(item.column("rejected_faces")), intOr0(item.column("image_width")),
                    intOr0(item.column("image_height"))));
        }
        return out;
    }

    private static ItemMetadata metadata(CensusItem item) {
        if (item.column("catalogued").equals("no")) {
            return null;
        }
        Integer from = integer(item.column("year_from"));
        Integer to = integer(item.column("year_to"));
        CatalogDate date = from != null && to != null && from <= to
                ? new CatalogDate(item.column("date"), from, to) : CatalogDate.unparsed(item.column("date"));
        List<String> tags = new ArrayList<>();
        for (String tag : item.column("tags").split(";")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        item.columns().forEach((k, v) -> {
            if (!OWN_COLUMNS.contains(k)) {
                extra.put(k, v);
            }
        });
        return new ItemMetadata(item.itemId(), item.column("title"), date, item.column("designer"), tags,
                item.column("description"), extra);
    }

    static Gender gender(String label) {
        return switch (label) {
            case "female" -> Gender.FEMALE;
            case "male" -> Gender.MALE;
            default -> Gender.UNKNOWN;
        };
    }

    private static Integer integer(String text) {
        try {
            return text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int intOr0(String text) {
        Integer value = integer(text);
        return value == null || value < 0 ? 0 : value;
    }
}
