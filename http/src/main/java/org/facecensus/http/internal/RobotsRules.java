package org.facecensus.http.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of one robots.txt for one user agent (RFC 9309): the group naming our agent's product token,
 * else the {@code *} group; the longest matching {@code Allow}/{@code Disallow} wins, Allow on a tie;
 * {@code *} and a trailing {@code $} are honoured.
 *
 * <p>Thread-safety: immutable.
 */
public final class RobotsRules {
    public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());
    public static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(new Rule(false, "/")));

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    private record Rule(boolean allow, String pattern) {
    }

    /** Parses {@code text} for the agent whose product token is {@code agentToken} (e.g. "FaceCensus"). */
    public static RobotsRules parse(String text, String agentToken) {
        String me = agentToken.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> star = new ArrayList<>();
        boolean mineSeen = false;
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        List<Rule> current = new ArrayList<>();
        for (String raw : text.split("\r?\n|\r")) {
            String line = raw.replaceFirst("#.*", "").trim();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (key.equals("user-agent")) {
                if (inRules) {
                    mineSeen |= flush(agents, current, me, mine, star);
                    agents = new ArrayList<>();
                    current = new ArrayList<>();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                if (!value.isEmpty()) {
                    current.add(new Rule(key.equals("allow"), value));
                }
            }
        }
        mineSeen |= flush(agents, current, me, mine, star);
        return new RobotsRules(mineSeen ? mine : star);
    }

    private static boolean flush(List<String> agents, List<Rule> rules, String me, List<Rule> mine, List<Rule> star) {
        boolean matched = false;
        for (String a : agents) {
            if (!a.equals("*") && me.equals(a)) {
                mine.addAll(rules);
                matched = true;
            }
        }
        if (!matched && agents.contains("*")) {
            star.addAll(rules);
        }
        return matched;
    }

    /** Whether {@code pathAndQuery} (starting with "/") may be fetched. */
    public boolean allows(String pathAndQuery) {
        int best = -1;
        boolean allow = true;
        for (Rule r : rules) {
            if (matches(r.pattern, pathAndQuery)) {
                int len = r.pattern.length();
                if (len > best || (len == best && r.allow)) {
                    best = len;
                    allow = r.allow;
                }
            }
        }
        return allow;
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        List<String> parts = new ArrayList<>();
        for (String part : p.split("\\*", -1)) {
            parts.add(java.util.regex.Pattern.quote(part));
        }
        return path.matches("(?s)" + String.join(".*", parts) + (anchored ? "" : ".*"));
    }
}
