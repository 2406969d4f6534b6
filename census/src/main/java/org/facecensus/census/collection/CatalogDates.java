package org.facecensus.census.collection;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facecensus.census.CatalogDate;

/**
 * Reads dates as catalogues write them into a year or a range of years. Qualifiers ("ca.", "circa",
 * "c.", "about") are dropped, not widened into a larger range: the catalogue's own range is the one
 * reported. What it cannot read exactly stays {@link CatalogDate#unparsed unparsed}, to be reported
 * rather than guessed: "19th century", "1900s" (decade or century?), "spring".
 *
 * <p>Read forms: {@code 1965}, {@code 1953, November}, {@code 11 October 1917}, {@code August 1939.},
 * {@code 1960-1965}, {@code ca. 1936-7.}, {@code circa 1914 - 1918}, {@code 1970s},
 * {@code mid 1960s} (early = years 0-3, mid = 4-6, late = 7-9 of the decade), {@code 1950s-1960s},
 * {@code ca. 1940s, 50s.}, {@code Undated, circa 1938.}, {@code 1953-11-02} (ISO, as spreadsheets export dates)
 *
 * <p>Thread-safety: stateless.
 */
public final class CatalogDates {
    private static final int EARLIEST_YEAR = 1000;
    private static final int LATEST_YEAR = 2100;

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
            + "|spring|summer|autumn|fall|winter)\\.?";
    private static final Pattern QUALIFIER = Pattern.compile(
            "^(?:undated,?\\s*)?(?:circa|ca\\.?|c\\.|about|approx(?:imately|\\.)?)\\s*");
    private static final Pattern SINGLE = Pattern.compile(
            "^(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+)?(?:" + MONTH + "\\s+)?(\\d{4})(?:\\s*,?\\s*" + MONTH + ")?$");
    /** An ISO date, as spreadsheets and collection systems export dates ({@code 1953-11-02}, with a time or not). */
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})(?:t[\\d:.]+)?$");
    private static final Pattern RANGE = Pattern.compile("^(\\d{4})\\s*(?:-|–|—|/|to)\\s*(\\d{1,4})$");
    private static final Pattern DECADE = Pattern.compile("^(early|mid|late)?[\\s-]*(\\d{3})0'?s$");
    private static final Pattern DECADE_RANGE = Pattern.compile(
            "^(\\d{3})0'?s\\s*(?:-|–|—|/|to|,|and|&)\\s*(?:(\\d{2})|(\\d{3})0)'?s$");
    private static final Pattern NO_DATE = Pattern.compile(
            "^(?:n\\.?\\s*d|na|n/a|s\\.?\\s*d|undated|unknown|no date|date unknown|)$");

    private CatalogDates() {
    }

    /** The date read from {@code raw}; unparsed (with {@code raw} kept) when it cannot be read exactly. */
    public static CatalogDate parse(String raw) {
        if (raw == null) {
            return CatalogDate.unparsed("");
        }
        String text = normalise(raw);
        text = QUALIFIER.matcher(text).replaceFirst("");
        int[] years = read(text);
        if (years == null || years[0] < EARLIEST_YEAR || years[1] > LATEST_YEAR || years[0] > years[1]) {
            return CatalogDate.unparsed(raw);
        }
        return new CatalogDate(raw, years[0], years[1]);
    }

    /**
     * Whether the catalogue said there is no date ("n.d.", "NA.", "Undated", empty), as opposed to a
     * date that could not be read: the first is a known gap, the second a question for the user.
     */
    public static boolean statesNoDate(String raw) {
        return raw == null || NO_DATE.matcher(normalise(raw)).matches();
    }

    private static String normalise(String raw) {
        String text = raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        while (text.endsWith(".") || text.endsWith(",") || text.endsWith("?")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private static int[] read(String text) {
        Matcher m = SINGLE.matcher(text);
        if (m.matches()) {
            if (m.group(1) != null) {
                int day = Integer.parseInt(m.group(1));
                if (day < 1 || day > 31) {
                    return null;
                }
            }
            int year = Integer.parseInt(m.group(2));
            return new int[] {year, year};
        }
        m = ISO_DATE.matcher(text);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (month < 1 || month > 12 || day < 1 || day > 31) {
                return null;
            }
            int year = Integer.parseInt(m.group(1));
            return new int[] {year, year};
        }
        m = RANGE.matcher(text);
        if (m.matches()) {
            String from = m.group(1);
            String to = m.group(2);
            // "1936-7" and "1965-70": the end repeats the start's leading digits.
            String fullTo = from.substring(0, 4 - to.length()) + to;
            return new int[] {Integer.parseInt(from), Integer.parseInt(fullTo)};
        }
        m = DECADE.matcher(text);
        if (m.matches()) {
            int decade = Integer.parseInt(m.group(2)) * 10;
            if (decade % 100 == 0 && m.group(1) == null) {
                return null; // "1900s": the decade or the century; catalogues use both
            }
            if (m.group(1) == null) {
                return new int[] {decade, decade + 9};
            }
            return switch (m.group(1)) {
                case "early" -> new int[] {decade, decade + 3};
                case "mid" -> new int[] {decade + 4, decade + 6};
                default -> new int[] {decade + 7, decade + 9};
            };
        }
        m = DECADE_RANGE.matcher(text);
        if (m.matches()) {
            int from = Integer.parseInt(m.group(1)) * 10;
            int to;
            if (m.group(2) != null) {
                to = from / 100 * 100 + Integer.parseInt(m.group(2));
            } else {
                to = Integer.parseInt(m.group(3)) * 10;
            }
            if (from % 100 == 0) {
                return null; // "1900s-1910s" starts with the decade-or-century ambiguity
            }
            return new int[] {from, to + 9};
        }
        return null;
    }
}
