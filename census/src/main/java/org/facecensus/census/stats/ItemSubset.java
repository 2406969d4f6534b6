package org.facecensus.census.stats;

import java.util.Locale;
import java.util.function.Predicate;
import org.facecensus.FaceCensusException;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;

/**
 * A subset of a census's items, written {@code kind:value}, for comparisons and the explorer's filters:
 * <ul>
 *   <li>{@code tag:Muralism} — items with that tag (case ignored);</li>
 *   <li>{@code decade:1950s} — items dated within that decade ({@code undated} for the others);</li>
 *   <li>{@code years:1940-1959} — items whose date range lies within those years;</li>
 *   <li>{@code folder:photo} — items whose image lies under that folder of the collection (two
 *       collections given to one run as two folders);</li>
 *   <li>{@code designer:NAME} — items by that designer or artist (case ignored);</li>
 *   <li>{@code field:COLUMN=VALUE} — items whose catalogue column has that value (case ignored);</li>
 *   <li>{@code all} — every item.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind  tag, decade, years, folder, designer, field or all
 * @param value what follows the colon, as given
 */
public record ItemSubset(String kind, String value) implements Predicate<ItemRecord> {
    /** The kinds, for error messages. */
    public static final String KINDS = "tag:NAME, decade:1950s, years:1940-1959, folder:NAME, designer:NAME, "
            + "field:COLUMN=VALUE, all";

    public ItemSubset {
        kind = kind.toLowerCase(Locale.ROOT);
        value = value == null ? "" : value.strip();
    }

    /** Reads {@code kind:value}; the error lists the kinds. */
    public static ItemSubset parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        if (s.equalsIgnoreCase("all")) {
            return new ItemSubset("all", "");
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? "" : s.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : s.substring(colon + 1).strip();
        boolean known = switch (kind) {
            case "tag", "folder", "designer" -> !value.isEmpty();
            case "decade" -> value.equalsIgnoreCase("undated") || value.matches("-?\\d+0s?");
            case "years" -> value.matches("-?\\d+\\s*-\\s*-?\\d+") || value.matches("-?\\d+");
            case "field" -> value.indexOf('=') > 0;
            default -> false;
        };
        if (!known) {
            throw new FaceCensusException("'" + spec + "' is not a subset of items; write one of " + KINDS);
        }
        return new ItemSubset(kind, value);
    }

    @Override
    public boolean test(ItemRecord item) {
        ItemMetadata m = item.metadata();
        return switch (kind) {
            case "all" -> true;
            case "tag" -> m != null && m.tags().stream().anyMatch(t -> t != null && t.strip().equalsIgnoreCase(value));
            case "decade" -> decadeMatches(m == null ? CatalogDate.unparsed("") : m.date());
            case "years" -> yearsMatch(m == null ? CatalogDate.unparsed("") : m.date());
            case "folder" -> item.file().startsWith(value.endsWith("/") ? value : value + "/");
            case "designer" -> m != null && m.designer().strip().equalsIgnoreCase(value);
            case "field" -> m != null && fieldMatches(m);
            default -> false;
        };
    }

    private boolean decadeMatches(CatalogDate date) {
        Integer decade = date.decade();
        if (value.equalsIgnoreCase("undated")) {
            return decade == null;
        }
        return decade != null && decade == Integer.parseInt(value.replace("s", ""));
    }

    private boolean yearsMatch(CatalogDate date) {
        if (!date.parsed()) {
            return false;
        }
        int dash = value.indexOf('-', 1);
        int from = Integer.parseInt((dash < 0 ? value : value.substring(0, dash)).strip());
        int to = dash < 0 ? from : Integer.parseInt(value.substring(dash + 1).strip());
        return date.fromYear() >= from && date.toYear() <= to;
    }

    private boolean fieldMatches(ItemMetadata m) {
        int eq = value.indexOf('=');
        String column = value.substring(0, eq).strip();
        String wanted = value.substring(eq + 1).strip();
        return switch (column.toLowerCase(Locale.ROOT)) {
            case "title" -> m.title().strip().equalsIgnoreCase(wanted);
            case "designer" -> m.designer().strip().equalsIgnoreCase(wanted);
            default -> m.extra().entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(column)
                    && e.getValue() != null && e.getValue().strip().equalsIgnoreCase(wanted));
        };
    }

    @Override
    public String toString() {
        return kind.equals("all") ? "all" : kind + ":" + value;
    }
}
