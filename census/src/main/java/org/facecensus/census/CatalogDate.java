package org.facecensus.census;

/**
 * A date as a catalogue writes it ("1965", "1953, November", "mid 1960s", "ca. 1941-2.", "1970s"),
 * with the years it was read as. Unparseable dates keep {@code raw} and have no years: they are
 * reported, never guessed.
 *
 * <p>Thread-safety: immutable.
 *
 * @param raw      the text as written; empty when the catalogue gave none
 * @param fromYear first year of the range, or null when not parsed
 * @param toYear   last year of the range (equal to fromYear for a single year), or null
 */
public record CatalogDate(String raw, Integer fromYear, Integer toYear) {

    public CatalogDate {
        raw = raw == null ? "" : raw;
        if ((fromYear == null) != (toYear == null)) {
            throw new IllegalArgumentException("both years or neither: " + fromYear + ", " + toYear);
        }
        if (fromYear != null && fromYear > toYear) {
            throw new IllegalArgumentException("from " + fromYear + " > to " + toYear + " in '" + raw + "'");
        }
    }

    public static CatalogDate unparsed(String raw) {
        return new CatalogDate(raw, null, null);
    }

    public boolean parsed() {
        return fromYear != null;
    }

    /**
     * The decade (1960 for the 1960s) the date falls in, or null when the date is unparsed or its
     * range spans more than one decade (such items are counted as "undated" per decade, not split).
     */
    public Integer decade() {
        if (!parsed() || fromYear / 10 != toYear / 10) {
            return null;
        }
        return Math.floorDiv(fromYear, 10) * 10;
    }
}
