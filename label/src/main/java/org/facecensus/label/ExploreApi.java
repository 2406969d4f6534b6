package org.facecensus.label;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.census.stats.ClassifierErrorRates;
import org.facecensus.census.stats.FaceProminence;
import org.facecensus.census.stats.ItemSubset;
import org.facecensus.census.stats.StatsOptions;
import org.facecensus.classify.Gender;

/**
 * What the explorer's page asks for: the filter choices, the figures of the filtered items (the same
 * {@link CensusStatistics} as {@code stats.json}: shares per decade and tag, trend, prominence, with
 * fewer bootstrap replicates so a filter change answers quickly), and the faces behind a bar or cell.
 *
 * <p>Filters are query parameters, all applied together: {@code decade=1950s}, {@code tag=Muralism},
 * {@code designer=NAME}, {@code folder=NAME}, {@code field=COLUMN=VALUE} (see {@link ItemSubset}).
 *
 * <p>Thread-safety: immutable after construction; every request computes from the same item list.
 */
final class ExploreApi {
    /** A field is offered as a filter when it has between 2 and this many distinct values. */
    static final int MAX_FIELD_VALUES = 60;
    /** At most this many faces per gallery page. */
    static final int MAX_PAGE = 200;
    private static final List<String> FILTERS = List.of("decade", "tag", "designer", "folder", "field");

    private final CensusFolder census;
    private final List<ItemRecord> items;
    private final StatsOptions options;

    /**
     * @param census  the census folder
     * @param rates   the classifier's error rates for corrected figures, or null
     * @param samples bootstrap replicates per interval
     */
    ExploreApi(CensusFolder census, ClassifierErrorRates rates, int samples) {
        this.census = census;
        this.items = ExploreData.items(census);
        // The page shows prominence overall only, so it is not computed per decade and tag.
        this.options = new StatsOptions(1, rates, samples, StatsOptions.defaults().seed(), null, List.of(), false);
    }

    CensusFolder census() {
        return census;
    }

    List<ItemRecord> items() {
        return items;
    }

    /** The filter choices: decades, tags, designers and catalogue fields with their item counts. */
    ObjectNode options() {
        ObjectNode out = HttpIo.JSON.createObjectNode();
        out.put("items", items.size());
        out.put("corrected", options.errorRates() != null);
        TreeMap<String, Integer> decades = new TreeMap<>();
        TreeMap<String, Integer> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TreeMap<String, Integer> designers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TreeMap<String, TreeMap<String, Integer>> fields = new TreeMap<>();
        for (ItemRecord item : items) {
            if (item.metadata() == null) {
                continue;
            }
            Integer decade = item.metadata().date().decade();
            decades.merge(decade == null ? "undated" : decade + "s", 1, Integer::sum);
            item.metadata().tags().stream().distinct().forEach(t -> tags.merge(t, 1, Integer::sum));
            if (!item.metadata().designer().isBlank()) {
                designers.merge(item.metadata().designer(), 1, Integer::sum);
            }
            item.metadata().extra().forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    fields.computeIfAbsent(k, x -> new TreeMap<>()).merge(v.strip(), 1, Integer::sum);
                }
            });
        }
        counts(out.putArray("decades"), decades);
        counts(out.putArray("tags"), tags);
        counts(out.putArray("designers"), designers);
        ArrayNode f = out.putArray("fields");
        fields.forEach((name, values) -> {
            if (values.size() >= 2 && values.size() <= MAX_FIELD_VALUES) {
                ObjectNode field = f.addObject().put("name", name);
                counts(field.putArray("values"), values);
            }
        });
        return out;
    }

    private static void counts(ArrayNode array, Map<String, Integer> counts) {
        counts.forEach((value, n) -> array.addObject().put("value", value).put("items", n));
    }

    /** The figures of the items the query's filters select. */
    CensusFigures figures(Map<String, String> query) {
        return CensusStatistics.compute(filtered(query), options);
    }

    /** The items the query's filters select. */
    List<ItemRecord> filtered(Map<String, String> query) {
        Predicate<ItemRecord> filter = filter(query);
        return items.stream().filter(filter).toList();
    }

    static Predicate<ItemRecord> filter(Map<String, String> query) {
        Predicate<ItemRecord> filter = i -> true;
        for (String name : FILTERS) {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                filter = filter.and(subset(name + ":" + value));
            }
        }
        return filter;
    }

    private static ItemSubset subset(String spec) {
        try {
            return ItemSubset.parse(spec);
        } catch (FaceCensusException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The faces behind a bar or cell: the filtered items, narrowed to {@code cell} (an {@link ItemSubset},
     * e.g. {@code decade:1950s}), faces of {@code gender} (female, male, unknown; any when absent),
     * only central figures when {@code central=true}; a page from {@code offset} of at most
     * {@code limit} faces.
     */
    ObjectNode faces(Map<String, String> query) {
        Predicate<ItemRecord> filter = filter(query);
        String cell = query.getOrDefault("cell", "");
        if (!cell.isBlank()) {
            filter = filter.and(subset(cell));
        }
        String genderText = query.getOrDefault("gender", "");
        Gender gender = genderText.isBlank() ? null : switch (genderText) {
            case "female" -> Gender.FEMALE;
            case "male" -> Gender.MALE;
            case "unknown" -> Gender.UNKNOWN;
            default -> throw ApiException.badRequest("gender '" + genderText + "' is not female, male or unknown");
        };
        boolean central = "true".equals(query.get("central"));
        int offset = number(query, "offset", 0);
        int limit = Math.min(MAX_PAGE, number(query, "limit", 60));
        ObjectNode out = HttpIo.JSON.createObjectNode();
        ArrayNode faces = out.putArray("faces");
        int total = 0;
        for (ItemRecord item : items) {
            if (item.failed() || item.faces().isEmpty() || !filter.test(item)) {
                continue;
            }
            List<FaceProminence> prominence = FaceProminence.of(item);
            for (int i = 0; i < item.faces().size(); i++) {
                FaceRecord f = item.faces().get(i);
                FaceProminence p = prominence.get(i);
                if ((gender != null && f.gender() != gender) || (central && !p.centralFigure())) {
                    continue;
                }
                if (total >= offset && total < offset + limit) {
                    ObjectNode face = faces.addObject().put("item", item.itemId()).put("index", f.faceIndex())
                            .put("gender", f.gender().name().toLowerCase(java.util.Locale.ROOT))
                            .put("title", item.metadata() == null ? "" : item.metadata().title())
                            .put("date", item.metadata() == null ? "" : item.metadata().date().raw())
                            .put("sizeRank", p.sizeRank()).put("central", p.centralFigure())
                            .put("crop", !f.cropPath().isEmpty());
                    if (!Double.isNaN(p.areaShare())) {
                        face.put("areaShare", Math.round(p.areaShare() * 10_000) / 10_000.0);
                    }
                    // The face verifier's p_face, where one judged the face.
                    if (!Double.isNaN(f.probabilityFace())) {
                        face.put("pFace", f.probabilityFace());
                    }
                }
                total++;
            }
        }
        out.put("total", total).put("offset", offset).put("limit", limit);
        return out;
    }

    private static int number(Map<String, String> query, String name, int otherwise) {
        String text = query.get(name);
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw ApiException.badRequest(name + " must not be negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " '" + text + "' is not a whole number");
        }
    }
}
