package org.facecensus.census.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.facecensus.FaceCensusException;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.Composition;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.io.AtomicFiles;
import org.facecensus.stats.Proportion;

/**
 * Turns analysed items into the census statistics written to {@code stats.json}.
 *
 * <p>The schema ({@value #SCHEMA}; every field is always present, {@code null} where a figure is
 * undefined, e.g. a share with no decided face; shares are fractions in [0, 1] rounded to 4 decimals;
 * intervals are objects {@code {"low", "high"}}):
 * <pre>
 * schema            "facecensus-census-stats/1"
 * totals            items, itemsAnalysed, itemsFailed, itemsWithoutMetadata, itemsWithFaces, faces,
 *                   women, men, unknown (faces the classifier abstained on or failed), faceErrors
 * overall           a <b>group row</b> over all items (below)
 * classifier        null, or the error rates used for the correction: name, source, confusion
 *                   {female: {female, male}, male: {female, male}} (true label → prediction),
 *                   decidedWomen, decidedMen, sensitivity, specificity, accuracy, accuracyWilson95
 * composition       analysedItems and rows [{composition (none, one-man, one-woman, men-only,
 *                   women-only, mixed, undetermined), items, share, wilson95}] over analysed items
 * facesPerItem      [{faces: "0".."9" or "10+", items}] over analysed items
 * byDecade          rows: group rows with decade ("1960s" or "undated") and fromYear (null when
 *                   undated), ascending, undated last; undated {noDate, unparsed, spansDecades};
 *                   unparsedDates and spanningDates [{raw, items}] sorted by raw
 * byTag             minItems, distinctTags, rows: group rows with tag, for tags with at least minItems
 *                   items, by items descending then tag
 * descriptions      null without a miner; else miner, itemsWithDescription, itemsWithMentions,
 *                   minerErrors, mentions {female, male}, itemsMentioning {female, male},
 *                   topTerms {female: [{term, mentions, items}], male: [...]} (at most 20 each),
 *                   byDecade [{decade, itemsWithDescription, female, male}]
 * method            how the figures were made: shares, interval, correction, bootstrap {samples, seed}
 * </pre>
 * A <b>group row</b>: items, itemsAnalysed, itemsFailed, itemsWithFaces, faces, women, men, unknown;
 * shareOfWomen {women, decided, estimate, wilson95, itemBootstrap95}: women among faces labelled
 * female or male, with the Wilson interval (faces as independent draws) and the percentile bootstrap
 * over items (faces of one item kept together); correctedShareOfWomen: null without error rates, else
 * {estimate, clamped, bootstrap95, undefinedSamples, correctedWilson95} — the Rogan–Gladen estimate,
 * its bootstrap interval over items and the evaluation's counts (see {@link ShareBootstrap}), and the
 * Wilson bounds passed through the correction (faces independent, evaluation error ignored). Both
 * bootstrap intervals are null when the row has fewer than {@value #MIN_BOOTSTRAP_ITEMS} items with a
 * labelled face, or no labelled woman or no labelled man: a percentile bootstrap cannot reach past
 * what was observed, and would return a point or a sliver there; use the Wilson intervals instead.
 *
 * <p>Deterministic: equal inputs and options give byte-equal JSON (fixed field order, seeded
 * bootstrap, no timestamps). Items are taken in the order given; callers pass them sorted by id.
 *
 * <p>Thread-safety: stateless.
 */
public final class CensusStatistics {
    /** The schema name and version written as the first field. */
    public static final String SCHEMA = "facecensus-census-stats/1";
    /** Tags and terms are listed up to this many. */
    static final int TOP_TERMS = 20;
    /** The histogram of faces per item has one bin per count below this, then one for the rest. */
    static final int FACE_COUNT_BINS = 10;
    static final String UNDATED = "undated";
    /** Fewer items with a labelled face than this, and a row gets no bootstrap interval. */
    public static final int MIN_BOOTSTRAP_ITEMS = 10;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private CensusStatistics() {
    }

    /**
     * The statistics of a whole run: deterministic for equal inputs (items are taken in the order
     * given; callers pass them sorted by item id).
     */
    public static ObjectNode compute(List<ItemRecord> items, StatsOptions options) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(options, "options");
        if (options.errorRates() != null && !(options.errorRates().youden() > 0)) {
            ClassifierErrorRates r = options.errorRates();
            throw new FaceCensusException("The classifier error rates from " + r.source() + " (sensitivity "
                    + r.sensitivity() + ", specificity " + r.specificity() + ") are no better than chance, so its "
                    + "labels cannot be corrected; evaluate the classifier again or run without the evaluation file");
        }
        ShareBootstrap bootstrap = options.bootstrapSamples() > 0
                ? new ShareBootstrap(new PercentileBootstrap(options.bootstrapSamples(), options.seed()), options.errorRates())
                : null;
        ClassifierErrorRates rates = options.errorRates();

        ObjectNode root = NODES.objectNode();
        root.put("schema", SCHEMA);
        root.set("totals", totals(items));
        root.set("overall", new Group(items).toJson("overall", rates, bootstrap));
        root.set("classifier", rates == null ? NODES.nullNode() : classifier(rates));
        root.set("composition", composition(items));
        root.set("facesPerItem", facesPerItem(items));
        root.set("byDecade", byDecade(items, rates, bootstrap));
        root.set("byTag", byTag(items, Math.max(1, options.minTagItems()), rates, bootstrap));
        root.set("descriptions", options.miner() == null ? NODES.nullNode() : DescriptionStatistics.compute(items, options.miner()));
        root.set("method", method(options, bootstrap));
        return root;
    }

    /**
     * Writes statistics as indented UTF-8 JSON with a final newline, through a temporary file so a
     * reader never sees half a file ({@link AtomicFiles}).
     */
    public static void write(Path file, ObjectNode stats) {
        try {
            AtomicFiles.writeString(file, WRITER.writeValueAsString(stats) + "\n");
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the statistics to " + file + ": " + e.getMessage()
                    + "; check that the output folder is writable and has space", e);
        }
    }

    private static ObjectNode totals(List<ItemRecord> items) {
        Group all = new Group(items);
        ObjectNode totals = NODES.objectNode();
        totals.put("items", items.size());
        totals.put("itemsAnalysed", all.analysed);
        totals.put("itemsFailed", all.failed);
        totals.put("itemsWithoutMetadata", items.stream().filter(i -> i.metadata() == null).count());
        totals.put("itemsWithFaces", all.withFaces);
        totals.put("faces", all.faces);
        totals.put("women", all.women);
        totals.put("men", all.men);
        totals.put("unknown", all.unknown);
        totals.put("faceErrors", items.stream().flatMap(i -> i.faces().stream()).filter(f -> !f.error().isEmpty()).count());
        return totals;
    }

    private static ObjectNode classifier(ClassifierErrorRates rates) {
        ObjectNode node = NODES.objectNode();
        node.put("name", rates.classifier());
        node.put("source", rates.source());
        ObjectNode confusion = node.putObject("confusion");
        ObjectNode female = confusion.putObject("female");
        female.put("female", rates.femaleAsFemale());
        female.put("male", rates.femaleAsMale());
        ObjectNode male = confusion.putObject("male");
        male.put("female", rates.maleAsFemale());
        male.put("male", rates.maleAsMale());
        node.put("decidedWomen", rates.decidedWomen());
        node.put("decidedMen", rates.decidedMen());
        putShare(node, "sensitivity", rates.sensitivity());
        putShare(node, "specificity", rates.specificity());
        putShare(node, "accuracy", rates.accuracy());
        Proportion accuracy = new Proportion(rates.femaleAsFemale() + rates.maleAsMale(), rates.decidedWomen() + rates.decidedMen());
        node.set("accuracyWilson95", interval(accuracy.wilson95()));
        return node;
    }

    private static ObjectNode composition(List<ItemRecord> items) {
        Map<Composition, Long> counts = new EnumMap<>(Composition.class);
        for (Composition c : Composition.values()) {
            counts.put(c, 0L);
        }
        long analysed = 0;
        for (ItemRecord item : items) {
            if (!item.failed()) {
                analysed++;
                counts.merge(item.composition(), 1L, Long::sum);
            }
        }
        ObjectNode node = NODES.objectNode();
        node.put("analysedItems", analysed);
        ArrayNode rows = node.putArray("rows");
        for (Map.Entry<Composition, Long> e : counts.entrySet()) {
            ObjectNode row = rows.addObject();
            row.put("composition", e.getKey().label());
            row.put("items", e.getValue());
            Proportion share = new Proportion(e.getValue(), analysed);
            putShare(row, "share", share.estimate());
            row.set("wilson95", analysed == 0 ? NODES.nullNode() : interval(share.wilson95()));
        }
        return node;
    }

    private static ArrayNode facesPerItem(List<ItemRecord> items) {
        long[] bins = new long[FACE_COUNT_BINS + 1];
        for (ItemRecord item : items) {
            if (!item.failed()) {
                bins[Math.min(item.faces().size(), FACE_COUNT_BINS)]++;
            }
        }
        ArrayNode rows = NODES.arrayNode();
        for (int i = 0; i <= FACE_COUNT_BINS; i++) {
            ObjectNode row = rows.addObject();
            row.put("faces", i < FACE_COUNT_BINS ? Integer.toString(i) : FACE_COUNT_BINS + "+");
            row.put("items", bins[i]);
        }
        return rows;
    }

    private static ObjectNode byDecade(List<ItemRecord> items, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
        TreeMap<Integer, List<ItemRecord>> decades = new TreeMap<>();
        List<ItemRecord> undated = new ArrayList<>();
        long noDate = 0;
        TreeMap<String, Long> unparsed = new TreeMap<>();
        TreeMap<String, Long> spanning = new TreeMap<>();
        for (ItemRecord item : items) {
            CatalogDate date = item.metadata() == null ? CatalogDate.unparsed("") : item.metadata().date();
            Integer decade = date.decade();
            if (decade != null) {
                decades.computeIfAbsent(decade, d -> new ArrayList<>()).add(item);
                continue;
            }
            undated.add(item);
            if (date.parsed()) {
                spanning.merge(date.raw(), 1L, Long::sum);
            } else if (date.raw().isBlank()) {
                noDate++;
            } else {
                unparsed.merge(date.raw(), 1L, Long::sum);
            }
        }
        ObjectNode node = NODES.objectNode();
        ArrayNode rows = node.putArray("rows");
        for (Map.Entry<Integer, List<ItemRecord>> e : decades.entrySet()) {
            String label = e.getKey() + "s";
            ObjectNode row = NODES.objectNode();
            row.put("decade", label);
            row.put("fromYear", e.getKey());
            row.setAll(new Group(e.getValue()).toJson("decade/" + label, rates, bootstrap));
            rows.add(row);
        }
        if (!undated.isEmpty()) {
            ObjectNode row = NODES.objectNode();
            row.put("decade", UNDATED);
            row.putNull("fromYear");
            row.setAll(new Group(undated).toJson("decade/" + UNDATED, rates, bootstrap));
            rows.add(row);
        }
        ObjectNode reasons = node.putObject("undated");
        reasons.put("noDate", noDate);
        reasons.put("unparsed", unparsed.values().stream().mapToLong(Long::longValue).sum());
        reasons.put("spansDecades", spanning.values().stream().mapToLong(Long::longValue).sum());
        node.set("unparsedDates", rawCounts(unparsed));
        node.set("spanningDates", rawCounts(spanning));
        return node;
    }

    private static ArrayNode rawCounts(Map<String, Long> counts) {
        ArrayNode list = NODES.arrayNode();
        counts.forEach((raw, n) -> list.addObject().put("raw", raw).put("items", n));
        return list;
    }

    private static ObjectNode byTag(List<ItemRecord> items, int minItems, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
        Map<String, List<ItemRecord>> tags = new LinkedHashMap<>();
        for (ItemRecord item : items) {
            if (item.metadata() == null) {
                continue;
            }
            // An item tagged twice with the same tag counts once in it.
            Set<String> own = new LinkedHashSet<>();
            for (String tag : item.metadata().tags()) {
                String trimmed = tag == null ? "" : tag.strip();
                if (!trimmed.isEmpty()) {
                    own.add(trimmed);
                }
            }
            for (String tag : own) {
                tags.computeIfAbsent(tag, t -> new ArrayList<>()).add(item);
            }
        }
        List<Map.Entry<String, List<ItemRecord>>> shown = tags.entrySet().stream()
                .filter(e -> e.getValue().size() >= minItems)
                .sorted(Comparator.<Map.Entry<String, List<ItemRecord>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .toList();
        ObjectNode node = NODES.objectNode();
        node.put("minItems", minItems);
        node.put("distinctTags", tags.size());
        ArrayNode rows = node.putArray("rows");
        for (Map.Entry<String, List<ItemRecord>> e : shown) {
            ObjectNode row = NODES.objectNode();
            row.put("tag", e.getKey());
            row.setAll(new Group(e.getValue()).toJson("tag/" + e.getKey(), rates, bootstrap));
            rows.add(row);
        }
        return node;
    }

    private static ObjectNode method(StatsOptions options, ShareBootstrap bootstrap) {
        ObjectNode node = NODES.objectNode();
        node.put("shares", "women / (women + men) among faces the classifier labelled; faces it abstained on are left out");
        node.put("interval", "Wilson 95 % score interval, faces as independent draws; itemBootstrap95 resamples items");
        node.put("correction", options.errorRates() == null
                ? "none: no classifier evaluation was given"
                : "Rogan-Gladen: (observed + specificity - 1) / (sensitivity + specificity - 1), clamped to [0, 1]; "
                        + "female is positive");
        ObjectNode b = node.putObject("bootstrap");
        b.put("samples", bootstrap == null ? 0 : options.bootstrapSamples());
        b.put("seed", options.seed());
        b.put("unit", "items with at least one decided face; the evaluation's confusion counts redrawn binomially");
        b.put("interval", "percentile 2.5 / 97.5, linear interpolation");
        return node;
    }

    static ObjectNode interval(Proportion.Interval interval) {
        ObjectNode node = NODES.objectNode();
        putShare(node, "low", interval.low());
        putShare(node, "high", interval.high());
        return node;
    }

    static ObjectNode interval(PercentileBootstrap.Interval interval) {
        ObjectNode node = NODES.objectNode();
        putShare(node, "low", interval.low());
        putShare(node, "high", interval.high());
        return node;
    }

    /** Writes a share rounded to 4 decimals (a hundredth of a percentage point), null when undefined. */
    static void putShare(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, Math.round(value * 10_000) / 10_000.0);
        } else {
            node.putNull(field);
        }
    }

    /** The counts of one group of items (a decade, a tag, all), and its row in the JSON. */
    static final class Group {
        long items;
        long analysed;
        long failed;
        long withFaces;
        long faces;
        long women;
        long men;
        long unknown;
        /** Per item with at least one decided face, for the bootstrap. */
        final List<int[]> decidedPerItem = new ArrayList<>();

        Group(List<ItemRecord> records) {
            for (ItemRecord item : records) {
                items++;
                if (item.failed()) {
                    failed++;
                    continue;
                }
                analysed++;
                if (!item.faces().isEmpty()) {
                    withFaces++;
                }
                int w = 0;
                int m = 0;
                for (FaceRecord face : item.faces()) {
                    faces++;
                    if (face.gender() == Gender.FEMALE) {
                        w++;
                    } else if (face.gender() == Gender.MALE) {
                        m++;
                    } else {
                        unknown++;
                    }
                }
                women += w;
                men += m;
                if (w + m > 0) {
                    decidedPerItem.add(new int[] {w, m});
                }
            }
        }

        ObjectNode toJson(String key, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
            ObjectNode row = NODES.objectNode();
            row.put("items", items);
            row.put("itemsAnalysed", analysed);
            row.put("itemsFailed", failed);
            row.put("itemsWithFaces", withFaces);
            row.put("faces", faces);
            row.put("women", women);
            row.put("men", men);
            row.put("unknown", unknown);
            int[] w = decidedPerItem.stream().mapToInt(a -> a[0]).toArray();
            int[] m = decidedPerItem.stream().mapToInt(a -> a[1]).toArray();

            Proportion share = new Proportion(women, women + men);
            ObjectNode observed = row.putObject("shareOfWomen");
            observed.put("women", women);
            observed.put("decided", women + men);
            putShare(observed, "estimate", share.estimate());
            observed.set("wilson95", share.trials() == 0 ? NODES.nullNode() : interval(share.wilson95()));
            // A percentile bootstrap cannot see past what was observed: with a handful of items, or no
            // woman (or no man) at all, it returns a point or a sliver. Such rows get no bootstrap.
            boolean bootstrappable = bootstrap != null && decidedPerItem.size() >= MIN_BOOTSTRAP_ITEMS
                    && women > 0 && men > 0;
            observed.set("itemBootstrap95", bootstrappable ? interval(bootstrap.observed(key, w, m)) : NODES.nullNode());

            if (rates == null) {
                row.putNull("correctedShareOfWomen");
                return row;
            }
            ObjectNode corrected = row.putObject("correctedShareOfWomen");
            double estimate = share.trials() == 0 ? Double.NaN
                    : RoganGladen.correct(share.estimate(), rates.sensitivity(), rates.specificity());
            putShare(corrected, "estimate", estimate);
            corrected.put("clamped", share.trials() > 0 && RoganGladen.clamps(share.estimate(), rates.sensitivity(), rates.specificity()));
            if (bootstrappable) {
                PercentileBootstrap.Interval interval = bootstrap.corrected(key, w, m);
                corrected.set("bootstrap95", interval(interval));
                corrected.put("undefinedSamples", interval.undefined());
            } else {
                corrected.putNull("bootstrap95");
                corrected.put("undefinedSamples", 0);
            }
            if (share.trials() == 0) {
                corrected.putNull("correctedWilson95");
            } else {
                // Rogan–Gladen is increasing in the observed share, so it maps the Wilson bounds onto
                // bounds of the corrected share (ignoring the evaluation's own error).
                Proportion.Interval wilson = share.wilson95();
                ObjectNode mapped = NODES.objectNode();
                putShare(mapped, "low", RoganGladen.correct(wilson.low(), rates.sensitivity(), rates.specificity()));
                putShare(mapped, "high", RoganGladen.correct(wilson.high(), rates.sensitivity(), rates.specificity()));
                corrected.set("correctedWilson95", mapped);
            }
            return row;
        }
    }
}
