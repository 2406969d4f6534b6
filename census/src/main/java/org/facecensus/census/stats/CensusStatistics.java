package org.facecensus.census.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * prominence        (since /2) overall, byDecade [{group, figures}], byTag [{group, figures}]: see
 *                   {@link ProminenceFigures}; an <b>estimate</b> is {estimate, interval95}
 * trend             (since /2) the logistic trend of the share of women on year: see {@link TrendFigures}
 * comparisons       (since /2) [{a, b, overlappingItems, shareOfWomen, correctedShareOfWomen,
 *                   areaShareOfWomen, centralFiguresWomen}]: see {@link ComparisonFigures}
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
 * <p>The figures are {@link CensusFigures} records; Jackson writes them field by field in this order.
 *
 * <p>Deterministic: equal inputs and options give byte-equal JSON (fixed field order, seeded
 * bootstrap, no timestamps). Items are taken in the order given; callers pass them sorted by id.
 *
 * <p>Thread-safety: stateless.
 */
public final class CensusStatistics {
    /** The schema name and version written as the first field. */
    public static final String SCHEMA = "facecensus-census-stats/2";
    /** Tags and terms are listed up to this many. */
    static final int TOP_TERMS = 20;
    /** The histogram of faces per item has one bin per count below this, then one for the rest. */
    static final int FACE_COUNT_BINS = 10;
    /** Fewer items with a labelled face than this, and a row gets no bootstrap interval. */
    public static final int MIN_BOOTSTRAP_ITEMS = 10;

    private CensusStatistics() {
    }

    /**
     * The statistics of a whole run: deterministic for equal inputs (items are taken in the order
     * given; callers pass them sorted by item id).
     */
    public static CensusFigures compute(List<ItemRecord> items, StatsOptions options) {
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
        ClusterBootstrap cluster = bootstrap == null ? null : new ClusterBootstrap(bootstrap);
        ByDecade decades = byDecade(items, rates, bootstrap);
        ByTag tags = byTag(items, Math.max(1, options.minTagItems()), rates, bootstrap);
        return new CensusFigures(SCHEMA,
                totals(items),
                new Group(items).figures("overall", rates, bootstrap),
                rates == null ? null : classifier(rates),
                composition(items),
                facesPerItem(items),
                decades,
                tags,
                options.miner() == null ? null : DescriptionStatistics.compute(items, options.miner()),
                prominence(items, options.prominenceByGroup() ? decades : null, tags, rates, cluster),
                TrendStatistics.compute(items, rates, bootstrap, "overall"),
                comparisons(items, options, decades, tags, rates, cluster),
                method(options, bootstrap));
    }

    /** @param decades null for the overall prominence only */
    private static ProminenceGroups prominence(List<ItemRecord> items, ByDecade decades, ByTag tags,
                                               ClassifierErrorRates rates, ClusterBootstrap bootstrap) {
        List<ProminenceGroups.Row> byDecade = new ArrayList<>();
        List<ProminenceGroups.Row> byTag = new ArrayList<>();
        if (decades == null) {
            return new ProminenceGroups(ProminenceStatistics.compute(items, rates, bootstrap, "overall"), byDecade, byTag);
        }
        for (ByDecade.Row row : decades.rows()) {
            ItemSubset subset = new ItemSubset("decade", row.fromYear() == null ? ByDecade.UNDATED : row.fromYear() + "s");
            byDecade.add(new ProminenceGroups.Row(row.decade(), ProminenceStatistics.compute(
                    items.stream().filter(subset).toList(), rates, bootstrap, "decade/" + row.decade())));
        }
        for (ByTag.Row row : tags.rows()) {
            ItemSubset subset = new ItemSubset("tag", row.tag());
            byTag.add(new ProminenceGroups.Row(row.tag(), ProminenceStatistics.compute(
                    items.stream().filter(subset).toList(), rates, bootstrap, "tag/" + row.tag())));
        }
        return new ProminenceGroups(ProminenceStatistics.compute(items, rates, bootstrap, "overall"), byDecade, byTag);
    }

    /**
     * The comparisons asked for, or the automatic ones: the two tags with the most items with faces, and
     * the first and last decade with at least {@code minTagItems} items with faces.
     */
    private static List<ComparisonFigures> comparisons(List<ItemRecord> items, StatsOptions options, ByDecade decades,
                                                       ByTag tags, ClassifierErrorRates rates,
                                                       ClusterBootstrap bootstrap) {
        List<SubsetPair> pairs = options.comparisons();
        if (pairs == null) {
            pairs = new ArrayList<>();
            // The groups with the most items with faces: a comparison of groups without faces says nothing.
            List<ByTag.Row> withFaces = tags.rows().stream()
                    .sorted(Comparator.comparingLong((ByTag.Row r) -> -r.figures().itemsWithFaces()).thenComparing(ByTag.Row::tag))
                    .toList();
            if (withFaces.size() >= 2) {
                pairs.add(new SubsetPair(new ItemSubset("tag", withFaces.get(0).tag()),
                        new ItemSubset("tag", withFaces.get(1).tag())));
            }
            List<ByDecade.Row> dated = decades.rows().stream().filter(r -> r.fromYear() != null
                    && r.figures().itemsWithFaces() >= Math.max(1, options.minTagItems())).toList();
            if (dated.size() >= 2) {
                pairs.add(new SubsetPair(new ItemSubset("decade", dated.get(0).decade()),
                        new ItemSubset("decade", dated.get(dated.size() - 1).decade())));
            }
        }
        List<ComparisonFigures> out = new ArrayList<>();
        for (SubsetPair pair : pairs) {
            out.add(ComparisonStatistics.compute(items, pair.a(), pair.b(), rates, bootstrap));
        }
        return out;
    }

    /**
     * Writes statistics as indented UTF-8 JSON with a final newline, through a temporary file so a
     * reader never sees half a file ({@link AtomicFiles}).
     */
    public static void write(Path file, CensusFigures stats) {
        try {
            AtomicFiles.writeString(file, toJson(stats));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the statistics to " + file + ": " + e.getMessage()
                    + "; check that the output folder is writable and has space", e);
        }
    }

    /** The text of {@code stats.json}: indented JSON with a final newline. */
    public static String toJson(CensusFigures stats) {
        try {
            return StatsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(stats) + "\n";
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("Cannot serialise the statistics: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a {@code stats.json} back into the records it was written from. */
    public static CensusFigures read(Path file) {
        try {
            return StatsJson.MAPPER.readValue(file.toFile(), CensusFigures.class);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the statistics " + file + ": " + e.getMessage()
                    + "; it should be the stats.json of a census run of schema " + SCHEMA, e);
        }
    }

    private static Totals totals(List<ItemRecord> items) {
        Group all = new Group(items);
        return new Totals(items.size(), all.analysed, all.failed,
                items.stream().filter(i -> i.metadata() == null).count(),
                all.withFaces, all.faces, all.women, all.men, all.unknown,
                items.stream().flatMap(i -> i.faces().stream()).filter(f -> !f.error().isEmpty()).count());
    }

    private static ClassifierFigures classifier(ClassifierErrorRates rates) {
        Proportion accuracy = new Proportion(rates.femaleAsFemale() + rates.maleAsMale(), rates.decidedWomen() + rates.decidedMen());
        return new ClassifierFigures(rates.classifier(), rates.source(),
                new ClassifierFigures.Confusion(new ByGender(rates.femaleAsFemale(), rates.femaleAsMale()),
                        new ByGender(rates.maleAsFemale(), rates.maleAsMale())),
                rates.decidedWomen(), rates.decidedMen(),
                Shares.rounded(rates.sensitivity()), Shares.rounded(rates.specificity()), Shares.rounded(rates.accuracy()),
                ShareInterval.of(accuracy.wilson95()));
    }

    private static CompositionFigures composition(List<ItemRecord> items) {
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
        List<CompositionFigures.Row> rows = new ArrayList<>();
        for (Map.Entry<Composition, Long> e : counts.entrySet()) {
            Proportion share = new Proportion(e.getValue(), analysed);
            rows.add(new CompositionFigures.Row(e.getKey().label(), e.getValue(), Shares.rounded(share.estimate()),
                    analysed == 0 ? null : ShareInterval.of(share.wilson95())));
        }
        return new CompositionFigures(analysed, rows);
    }

    private static List<CensusFigures.FacesPerItem> facesPerItem(List<ItemRecord> items) {
        long[] bins = new long[FACE_COUNT_BINS + 1];
        for (ItemRecord item : items) {
            if (!item.failed()) {
                bins[Math.min(item.faces().size(), FACE_COUNT_BINS)]++;
            }
        }
        List<CensusFigures.FacesPerItem> rows = new ArrayList<>();
        for (int i = 0; i <= FACE_COUNT_BINS; i++) {
            rows.add(new CensusFigures.FacesPerItem(i < FACE_COUNT_BINS ? Integer.toString(i) : FACE_COUNT_BINS + "+", bins[i]));
        }
        return rows;
    }

    private static ByDecade byDecade(List<ItemRecord> items, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
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
        List<ByDecade.Row> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<ItemRecord>> e : decades.entrySet()) {
            String label = e.getKey() + "s";
            rows.add(new ByDecade.Row(label, e.getKey(), new Group(e.getValue()).figures("decade/" + label, rates, bootstrap)));
        }
        if (!undated.isEmpty()) {
            rows.add(new ByDecade.Row(ByDecade.UNDATED, null,
                    new Group(undated).figures("decade/" + ByDecade.UNDATED, rates, bootstrap)));
        }
        ByDecade.Undated reasons = new ByDecade.Undated(noDate, sum(unparsed), sum(spanning));
        return new ByDecade(rows, reasons, rawDates(unparsed), rawDates(spanning));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<ByDecade.RawDate> rawDates(Map<String, Long> counts) {
        List<ByDecade.RawDate> list = new ArrayList<>();
        counts.forEach((raw, n) -> list.add(new ByDecade.RawDate(raw, n)));
        return list;
    }

    private static ByTag byTag(List<ItemRecord> items, int minItems, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
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
        List<ByTag.Row> rows = tags.entrySet().stream()
                .filter(e -> e.getValue().size() >= minItems)
                .sorted(Comparator.<Map.Entry<String, List<ItemRecord>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new ByTag.Row(e.getKey(), new Group(e.getValue()).figures("tag/" + e.getKey(), rates, bootstrap)))
                .toList();
        return new ByTag(minItems, tags.size(), rows);
    }

    private static Method method(StatsOptions options, ShareBootstrap bootstrap) {
        String correction = options.errorRates() == null
                ? "none: no classifier evaluation was given"
                : "Rogan-Gladen: (observed + specificity - 1) / (sensitivity + specificity - 1), clamped to [0, 1]; "
                        + "female is positive";
        return new Method(
                "women / (women + men) among faces the classifier labelled; faces it abstained on are left out",
                "Wilson 95 % score interval, faces as independent draws; itemBootstrap95 resamples items; "
                        + "prominence, trend and comparison intervals are percentile cluster bootstraps over items "
                        + "(items resampled with all their faces; a comparison resamples each subset apart)",
                correction,
                new Method.Bootstrap(bootstrap == null ? 0 : options.bootstrapSamples(), options.seed(),
                        "items with at least one decided face; the evaluation's confusion counts redrawn binomially",
                        "percentile 2.5 / 97.5, linear interpolation"));
    }

    /** The counts of one group of items (a decade, a tag, all), and its row of figures. */
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

        /**
         * @param key the group's name, for its own bootstrap random stream
         */
        GroupRow figures(String key, ClassifierErrorRates rates, ShareBootstrap bootstrap) {
            int[] w = decidedPerItem.stream().mapToInt(a -> a[0]).toArray();
            int[] m = decidedPerItem.stream().mapToInt(a -> a[1]).toArray();
            Proportion share = new Proportion(women, women + men);
            // A percentile bootstrap cannot see past what was observed: with a handful of items, or no
            // woman (or no man) at all, it returns a point or a sliver. Such rows get no bootstrap.
            boolean bootstrappable = bootstrap != null && decidedPerItem.size() >= MIN_BOOTSTRAP_ITEMS
                    && women > 0 && men > 0;
            ShareOfWomen observed = new ShareOfWomen(women, women + men, Shares.rounded(share.estimate()),
                    share.trials() == 0 ? null : ShareInterval.of(share.wilson95()),
                    bootstrappable ? ShareInterval.of(bootstrap.observed(key, w, m)) : null);
            CorrectedShareOfWomen corrected = rates == null ? null
                    : corrected(share, rates, bootstrappable ? bootstrap.corrected(key, w, m) : null);
            return new GroupRow(items, analysed, failed, withFaces, faces, women, men, unknown, observed, corrected);
        }

        /** @param bootstrapped the corrected share's bootstrap interval, null where the row gets none */
        private static CorrectedShareOfWomen corrected(Proportion share, ClassifierErrorRates rates,
                                                       PercentileBootstrap.Interval bootstrapped) {
            double sensitivity = rates.sensitivity();
            double specificity = rates.specificity();
            boolean decided = share.trials() > 0;
            double estimate = decided ? RoganGladen.correct(share.estimate(), sensitivity, specificity) : Double.NaN;
            // Rogan–Gladen is increasing in the observed share, so it maps the Wilson bounds onto
            // bounds of the corrected share (ignoring the evaluation's own error).
            ShareInterval correctedWilson = null;
            if (decided) {
                Proportion.Interval wilson = share.wilson95();
                correctedWilson = ShareInterval.rounded(RoganGladen.correct(wilson.low(), sensitivity, specificity),
                        RoganGladen.correct(wilson.high(), sensitivity, specificity));
            }
            return new CorrectedShareOfWomen(Shares.rounded(estimate),
                    decided && RoganGladen.clamps(share.estimate(), sensitivity, specificity),
                    bootstrapped == null ? null : ShareInterval.of(bootstrapped),
                    bootstrapped == null ? 0 : bootstrapped.undefined(),
                    correctedWilson);
        }
    }
}
