package org.facecensus.textminer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.facecensus.textminer.internal.SectionFile;

/**
 * Groups mention terms into larger categories (agriculture, industry, military, politics, home and
 * family, education, health, culture and sport, other), as the study did before charting. The format
 * is described at the top of the bundled {@code default-groups.txt}; {@link #defaultText()} returns it.
 *
 * <p>Thread-safety: immutable.
 */
public final class TermGroups {
    /** The category of every term no other category lists; always present, always last. */
    public static final String OTHER = "other";

    static final String DEFAULT_RESOURCE = "org/facecensus/textminer/default-groups.txt";

    private final List<String> categories;
    private final Map<String, String> categoryOfTerm;

    private TermGroups(List<String> categories, Map<String, String> categoryOfTerm) {
        this.categories = List.copyOf(categories);
        this.categoryOfTerm = Map.copyOf(categoryOfTerm);
    }

    /** The bundled grouping. */
    public static TermGroups defaults() {
        return Defaults.INSTANCE;
    }

    /** The bundled grouping's text, to copy and edit. */
    public static String defaultText() {
        return SectionFile.resourceText(DEFAULT_RESOURCE);
    }

    /** Reads a grouping file; a malformed or contradictory line throws a FaceCensusException naming it. */
    public static TermGroups load(Path file) {
        return from(SectionFile.read(file));
    }

    static TermGroups from(SectionFile file) {
        List<String> categories = new ArrayList<>();
        Map<String, String> categoryOfTerm = new HashMap<>();
        for (SectionFile.Line line : file.lines()) {
            String category = line.section();
            if (category.isEmpty()) {
                throw file.error(line, "terms before the first [category] header; add a header such as [agriculture]");
            }
            if (!categories.contains(category)) {
                categories.add(category);
            }
            for (String raw : line.text().split(",")) {
                String term = SectionFile.normalise(raw);
                if (term.isEmpty()) {
                    continue;
                }
                String previous = categoryOfTerm.putIfAbsent(term, category);
                if (previous != null && !previous.equals(category)) {
                    throw file.error(line, "'" + term + "' is already in [" + previous + "]; a term belongs to one "
                            + "category only, so remove it from one of them");
                }
            }
        }
        // "other" always exists and comes last, so tables end with the remainder.
        categories.remove(OTHER);
        categories.add(OTHER);
        return new TermGroups(categories, categoryOfTerm);
    }

    /** The categories in file order, {@link #OTHER} last. */
    public List<String> categories() {
        return categories;
    }

    /**
     * The category of {@code term}: the one listing it, else the one listing its last word ("steel
     * worker" → worker; "mother-in-law" → mother), else {@link #OTHER}.
     */
    public String categoryOf(String term) {
        String normalised = SectionFile.normalise(term);
        String category = categoryOfTerm.get(normalised);
        if (category != null) {
            return category;
        }
        String head = normalised.endsWith("-in-law")
                ? normalised.substring(0, normalised.length() - "-in-law".length())
                : normalised.substring(normalised.lastIndexOf(' ') + 1);
        return categoryOfTerm.getOrDefault(head, OTHER);
    }

    private static final class Defaults {
        static final TermGroups INSTANCE = from(SectionFile.resource(DEFAULT_RESOURCE));
    }
}
