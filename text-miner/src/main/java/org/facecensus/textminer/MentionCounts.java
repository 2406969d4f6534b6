package org.facecensus.textminer;

import org.facecensus.text.Mention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.classify.Gender;

/**
 * The aggregate table of a mining run: mentions and descriptions per gender, per category and per
 * (gender, term), with terms grouped by {@link TermGroups}. "Descriptions" counts records with at least
 * one such mention: the study's "female appeared in 77 descriptions, male in 66".
 *
 * <p>Thread-safety: not thread-safe; fill it from one thread (as {@link MiningJob} does), then read it.
 */
public final class MentionCounts {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** Quotes only where RFC 4180 needs it, so "home and family" stays readable. */
    private static final CsvMapper CSV = (CsvMapper) new CsvMapper()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Mentions and the number of descriptions with at least one. */
    private static final class Tally {
        int mentions;
        int descriptions;
    }

    private record TermKey(Gender gender, String term) {
    }

    private record CategoryKey(Gender gender, String category) {
    }

    private final TermGroups groups;
    private int records;
    private int errors;
    private int withText;
    private int withMentions;
    private final Map<Gender, Tally> genders = new EnumMap<>(Gender.class);
    private final Map<CategoryKey, Tally> categories = new LinkedHashMap<>();
    private final Map<TermKey, Tally> terms = new LinkedHashMap<>();

    public MentionCounts(TermGroups groups) {
        this.groups = groups;
    }

    /** Counts one record's mentions; {@code hadText} tells an empty description from one naming nobody. */
    public void add(List<Mention> mentions, boolean hadText) {
        records++;
        if (hadText) {
            withText++;
        }
        if (!mentions.isEmpty()) {
            withMentions++;
        }
        Set<Object> seen = new HashSet<>();
        for (Mention m : mentions) {
            TermKey termKey = new TermKey(m.gender(), m.term());
            CategoryKey categoryKey = new CategoryKey(m.gender(), groups.categoryOf(m.term()));
            count(genders.computeIfAbsent(m.gender(), g -> new Tally()), seen.add(m.gender()));
            count(categories.computeIfAbsent(categoryKey, k -> new Tally()), seen.add(categoryKey));
            count(terms.computeIfAbsent(termKey, k -> new Tally()), seen.add(termKey));
        }
    }

    private static void count(Tally tally, boolean firstInRecord) {
        tally.mentions++;
        if (firstInRecord) {
            tally.descriptions++;
        }
    }

    /** Counts a record that could not be read or mined. */
    public void addError() {
        records++;
        errors++;
    }

    public int records() {
        return records;
    }

    public int errors() {
        return errors;
    }

    public int recordsWithText() {
        return withText;
    }

    public int recordsWithMentions() {
        return withMentions;
    }

    public int mentions(Gender gender) {
        Tally t = genders.get(gender);
        return t == null ? 0 : t.mentions;
    }

    /** Records with at least one mention of {@code gender}. */
    public int descriptions(Gender gender) {
        Tally t = genders.get(gender);
        return t == null ? 0 : t.descriptions;
    }

    public int mentions(Gender gender, String term) {
        Tally t = terms.get(new TermKey(gender, term));
        return t == null ? 0 : t.mentions;
    }

    public int categoryMentions(Gender gender, String category) {
        Tally t = categories.get(new CategoryKey(gender, category));
        return t == null ? 0 : t.mentions;
    }

    /** The table as one JSON object (indented): totals, then per gender, per category and per term. */
    public void writeJson(Writer out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("records", records);
        root.put("errors", errors);
        root.put("with_description", withText);
        root.put("with_mentions", withMentions);
        List<Row> rows = rows();
        root.put("genders", rows.stream().filter(r -> r.level.equals("gender")).map(Row::toJson).toList());
        root.put("categories", rows.stream().filter(r -> r.level.equals("category")).map(Row::toJson).toList());
        root.put("terms", rows.stream().filter(r -> r.level.equals("term")).map(Row::toJson).toList());
        try {
            JSON.writeValue(out, root);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The table as CSV with a header: one row per gender, per (gender, category) and per (gender, term),
     * told apart by the {@code level} column, so one sheet holds all three.
     */
    public void writeCsv(Writer out) {
        CsvSchema schema = CsvSchema.builder()
                .addColumn("level").addColumn("gender").addColumn("category").addColumn("term")
                .addColumn("mentions", CsvSchema.ColumnType.NUMBER)
                .addColumn("descriptions", CsvSchema.ColumnType.NUMBER)
                .build().withHeader();
        try {
            CSV.writer(schema).writeValues(out).writeAll(rows().stream().map(Row::toMap).toList()).close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(String level, String gender, String category, String term, int mentions, int descriptions) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level);
            m.put("gender", gender);
            m.put("category", category);
            m.put("term", term);
            m.put("mentions", mentions);
            m.put("descriptions", descriptions);
            return m;
        }

        /** Without the level and the columns that level leaves empty. */
        Map<String, Object> toJson() {
            Map<String, Object> m = toMap();
            m.remove("level");
            m.values().removeIf(""::equals);
            return m;
        }
    }

    /** Genders in enum order; categories in the grouping's order; terms by count, then alphabetically. */
    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        genders.forEach((g, t) -> rows.add(new Row("gender", name(g), "", "", t.mentions, t.descriptions)));
        for (Gender g : genders.keySet()) {
            for (String category : groups.categories()) {
                Tally t = categories.get(new CategoryKey(g, category));
                if (t != null) {
                    rows.add(new Row("category", name(g), category, "", t.mentions, t.descriptions));
                }
            }
        }
        Map<Gender, List<Map.Entry<TermKey, Tally>>> byGender = new TreeMap<>();
        for (Map.Entry<TermKey, Tally> e : terms.entrySet()) {
            byGender.computeIfAbsent(e.getKey().gender(), g -> new ArrayList<>()).add(e);
        }
        byGender.forEach((g, entries) -> {
            entries.sort(Comparator.<Map.Entry<TermKey, Tally>>comparingInt(e -> -e.getValue().mentions)
                    .thenComparing(e -> e.getKey().term()));
            for (Map.Entry<TermKey, Tally> e : entries) {
                String term = e.getKey().term();
                rows.add(new Row("term", name(g), groups.categoryOf(term), term, e.getValue().mentions,
                        e.getValue().descriptions));
            }
        });
        return rows;
    }

    /** Genders are written lower-case ("female"), as in the per-record output. */
    static String name(Gender gender) {
        return gender.name().toLowerCase(Locale.ROOT);
    }
}
