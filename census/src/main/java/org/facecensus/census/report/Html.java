package org.facecensus.census.report;

import java.util.Locale;
import org.facecensus.census.stats.ShareInterval;
import org.facecensus.census.stats.Shares;

/**
 * Escaping and number formatting for the report. Every piece of catalogue or run text goes through
 * {@link #text} before it reaches the page: titles, tags and ids come from files a user did not
 * write, and a {@code <script>} in a title must stay text.
 *
 * <p>Thread-safety: stateless.
 */
final class Html {
    private Html() {
    }

    /** Text safe in element content and in quoted attribute values. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab/newline have no business in a page.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A share as a percentage with one decimal ("42.9 %"), or an en dash when undefined (null, as the
     * statistics records hold it, or not finite).
     */
    static String percent(Double share) {
        return share != null && Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f %%", share * 100) : "–";
    }

    /** An interval of shares ("31.2–55.0 %"), or an en dash when undefined. */
    static String interval(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f–%.1f %%", low * 100, high * 100);
    }

    /** An interval of the statistics ("31.2–55.0 %"), or an en dash when it or a bound is missing. */
    static String interval(ShareInterval interval) {
        return interval == null ? "–" : interval(Shares.orNaN(interval.low()), Shares.orNaN(interval.high()));
    }

    /** A chart, embedded: {@code dataUri} is a PNG data URI, {@code alt} plain text. */
    static String chart(String dataUri, String alt) {
        return "<figure class=\"chart\"><img src=\"" + dataUri + "\" alt=\"" + text(alt) + "\"></figure>\n";
    }

    /** Percentage points, signed ("+3.1 pp"). */
    static String points(double delta) {
        return Double.isFinite(delta) ? String.format(Locale.ROOT, "%+.1f pp", delta * 100) : "–";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
