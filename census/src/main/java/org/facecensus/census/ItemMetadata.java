package org.facecensus.census;

import java.util.List;
import java.util.Map;

/**
 * One catalogue record, joined to an image by {@code id} (item id or file name).
 *
 * <p>Thread-safety: immutable (the collections are copied).
 *
 * @param id          the key that joins it to an image: an item id or a file name
 * @param title       may be empty
 * @param date        never null; {@link CatalogDate#unparsed} with empty raw when absent
 * @param designer    artist or designer, may be empty
 * @param tags        tags or themes, in catalogue order
 * @param description prose notes, may be empty
 * @param extra       every other column, in file order, kept verbatim
 */
public record ItemMetadata(String id, String title, CatalogDate date, String designer, List<String> tags,
                           String description, Map<String, String> extra) {
    public ItemMetadata {
        title = title == null ? "" : title;
        date = date == null ? CatalogDate.unparsed("") : date;
        designer = designer == null ? "" : designer;
        tags = tags == null ? List.of() : List.copyOf(tags);
        description = description == null ? "" : description;
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
