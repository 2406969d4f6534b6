package org.facecensus.label;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facecensus.stats.Proportion;

/**
 * How far labelling has come, and the share of women it measures.
 *
 * <p>Thread-safety: immutable.
 *
 * @param labelled      faces with a current label (any label, skip included)
 * @param total         faces in the census
 * @param counts        faces per current label, by label word ({@code female}, ..., {@code skip}), zeros included
 * @param auditLabelled faces whose current label came from the audit stream
 * @param shareOfWomen  women among the audit-labelled women and men; null while there are none
 */
public record LabelProgress(long labelled, long total, Map<String, Long> counts, long auditLabelled,
                            ShareOfWomen shareOfWomen) {
    public LabelProgress {
        // Kept in label order (female, male, unknown, not_a_face, skip): the page shows them as they come.
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * The share of women in the random audit sample, with its Wilson 95 % interval: the census's share
     * corrected for what the classifier gets wrong, as far as the sample reaches.
     *
     * <p>Thread-safety: immutable.
     *
     * @param women    audit-labelled faces labelled female
     * @param men      audit-labelled faces labelled male
     * @param estimate women / (women + men)
     * @param low      the interval's lower end
     * @param high     the interval's upper end
     */
    public record ShareOfWomen(long women, long men, double estimate, double low, double high) {
    }

    /** Counts the current labels of a census with {@code total} faces. */
    public static LabelProgress of(Collection<LabelEntry> current, long total) {
        Map<Label, Long> byLabel = new EnumMap<>(Label.class);
        long audit = 0;
        long women = 0;
        long men = 0;
        for (LabelEntry e : current) {
            byLabel.merge(e.label(), 1L, Long::sum);
            if (e.stream() == CardStream.AUDIT) {
                audit++;
                women += e.label() == Label.FEMALE ? 1 : 0;
                men += e.label() == Label.MALE ? 1 : 0;
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Label l : Label.values()) {
            if (l != Label.UNDO) {
                counts.put(l.word(), byLabel.getOrDefault(l, 0L));
            }
        }
        ShareOfWomen share = null;
        if (women + men > 0) {
            Proportion p = new Proportion(women, women + men);
            Proportion.Interval ci = p.wilson95();
            share = new ShareOfWomen(women, men, p.estimate(), ci.low(), ci.high());
        }
        return new LabelProgress(current.size(), total, counts, audit, share);
    }
}
