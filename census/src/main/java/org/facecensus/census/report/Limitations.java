package org.facecensus.census.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.facecensus.FaceCensus;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.stats.ByDecade;
import org.facecensus.census.stats.ByTag;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.ClassifierFigures;
import org.facecensus.census.stats.DescriptionFigures;
import org.facecensus.census.stats.GroupRow;
import org.facecensus.census.stats.ShareInterval;
import org.facecensus.census.stats.ShareOfWomen;
import org.facecensus.census.stats.Shares;
import org.facecensus.census.stats.Totals;
import org.facecensus.detect.MeasuredRecall;
import org.facecensus.spi.FaceDetectorProvider;

/**
 * The report's limitations section, written from the measured numbers of this run rather than as
 * boilerplate: each paragraph is there only when its figure makes it relevant, and quotes the figure.
 *
 * <p>Thread-safety: stateless.
 */
final class Limitations {
    /** Below this many faces with a gender label a row's share is called a small cell. */
    static final int SMALL_CELL = 30;
    /** Small cells named in the text; the rest are counted. */
    static final int MAX_NAMED = 20;

    private Limitations() {
    }

    /** Plain-text paragraphs (escaped by the caller). */
    static List<String> of(CensusFigures stats, List<ItemRecord> items, String detector) {
        List<String> out = new ArrayList<>();
        Totals totals = stats.totals();
        long itemCount = totals.items();
        long analysed = totals.itemsAnalysed();
        long failed = totals.itemsFailed();
        long withFaces = totals.itemsWithFaces();
        long faces = totals.faces();
        long unknown = totals.unknown();
        GroupRow overall = stats.overall();

        if (failed > 0) {
            Map<String, Integer> problems = new TreeMap<>();
            for (ItemRecord item : items) {
                if (item.failed()) {
                    problems.merge(item.problem().isEmpty() ? "unspecified" : item.problem(), 1, Integer::sum);
                }
            }
            out.add(String.format(Locale.ROOT, "%d of %d items (%s) could not be analysed and are left out of every "
                    + "count and share (problems: %s). See the run's error list for each one.",
                    failed, itemCount, Html.percent((double) failed / itemCount), describe(problems)));
        }
        if (analysed > 0) {
            long without = analysed - withFaces;
            out.add(String.format(Locale.ROOT, "%d of %d analysed items (%s) have no detected face. The shares describe "
                    + "only faces the detector found: drawn, stylised, small, turned or partly hidden faces are missed "
                    + "more often than frontal photographic ones, and if that happens more for one gender (for example "
                    + "women in crowd scenes or in the background) the shares are biased in a way no interval here shows.",
                    without, analysed, Html.percent((double) without / analysed)));
            measuredRecall(detector).ifPresent(r -> out.add(String.format(Locale.ROOT, "How many faces %s misses "
                    + "was measured on photographs, not on this collection: on 400 web photos with 982 hand-marked faces "
                    + "it found %s of them (%s of the smallest, eyes under 10 px apart), with %.2f false faces per image. "
                    + "On drawn and printed faces expect it to find fewer.", detector, Html.percent(r.recall()),
                    Html.percent(r.recallSmallFaces()), r.falsePositivesPerImage())));
        }
        if (faces > 0) {
            double share = (double) unknown / faces;
            out.add(String.format(Locale.ROOT, "%d of %d faces (%s) have no gender label (the classifier abstained, or "
                    + "the face could not be aligned or classified) and are left out of the shares.%s",
                    unknown, faces, Html.percent(share), share >= 0.1
                            ? " That is a large part: if abstentions fall more on one gender, the shares are biased." : ""));
        }

        ShareOfWomen observed = overall.shareOfWomen();
        double wilsonWidth = width(observed.wilson95());
        double itemWidth = width(observed.itemBootstrap95());
        if (Double.isFinite(wilsonWidth)) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "The overall share of women, %s, has a 95 %% interval %.1f percentage points wide (Wilson, %d faces "
                            + "with a label).", Html.percent(observed.estimate()),
                    wilsonWidth * 100, observed.decided()));
            if (Double.isFinite(itemWidth) && itemWidth > wilsonWidth * 1.15) {
                s.append(String.format(Locale.ROOT, " Faces on one item are not independent (a poster of soldiers "
                        + "shows several men): resampling whole items gives an interval %.1f times as wide (%s), which "
                        + "is the more honest one.", itemWidth / wilsonWidth, Html.interval(observed.itemBootstrap95())));
            }
            out.add(s.toString());
        }
        List<String> small = new ArrayList<>();
        String widest = null;
        double widestWidth = -1;
        for (ByDecade.Row row : stats.byDecade().rows()) {
            String name = row.decade();
            collectSmall(row.figures(), name, small);
            double w = width(row.figures().shareOfWomen().wilson95());
            boolean counted = row.figures().shareOfWomen().decided() >= SMALL_CELL;
            if (counted && !name.equals(ByDecade.UNDATED) && Double.isFinite(w) && w > widestWidth) {
                widestWidth = w;
                widest = name;
            }
        }
        for (ByTag.Row row : stats.byTag().rows()) {
            collectSmall(row.figures(), quoted(row), small);
        }
        if (widest != null) {
            out.add(String.format(Locale.ROOT, "Among decades with at least %d labelled faces the widest interval "
                    + "(%s) spans %.1f percentage points; differences between decades smaller than their intervals are "
                    + "not evidence of change.", SMALL_CELL, widest, widestWidth * 100));
        }
        if (!small.isEmpty()) {
            List<String> named = small.size() > MAX_NAMED ? small.subList(0, MAX_NAMED) : small;
            String subject = small.size() == 1 ? "1 row rests" : small.size() + " rows rest";
            String verdict = small.size() == 1 ? "its share is an anecdote" : "their shares are anecdotes";
            out.add(String.format(Locale.ROOT, "%s on fewer than %d faces with a gender label, so %s rather than "
                    + "measurements: %s%s.", subject, SMALL_CELL, verdict, String.join(", ", named),
                    small.size() > named.size() ? " and " + (small.size() - named.size()) + " more" : ""));
        }

        ClassifierFigures classifier = stats.classifier();
        if (classifier != null) {
            double before = Shares.orNaN(observed.estimate());
            double after = Shares.orNaN(overall.correctedShareOfWomen().estimate());
            out.add(String.format(Locale.ROOT, "The classifier %s was measured to call %s of women women (sensitivity) "
                    + "and %s of men men (specificity) on %d + %d evaluation faces. Correcting for that moves the "
                    + "overall share of women from %s to %s (%s); the corrected intervals also carry the evaluation's "
                    + "own sampling error and are wider.%s",
                    classifier.name(), Html.percent(classifier.sensitivity()), Html.percent(classifier.specificity()),
                    classifier.decidedWomen(), classifier.decidedMen(),
                    Html.percent(before), Html.percent(after), Html.points(after - before), clampedNote(stats)));
            out.add("The error rates come from the evaluation file " + classifier.source()
                    + ". If that evaluation used photographs (as the UTKFace evaluation does), the classifier's error on "
                    + "printed, drawn or painted faces is very likely larger: stylised features, uniforms, halftone "
                    + "printing and a designer's conventions for men and women all shift its input away from what it "
                    + "learned (domain shift). The correction then assumes error rates that are too good, and the "
                    + "corrected shares and their intervals are optimistic. Auditing the gallery below, or evaluating "
                    + "on a hand-labelled sample of this collection, is the remedy.");
        } else {
            out.add("No classifier evaluation was given, so no share is corrected for classifier error. Even a "
                    + "classifier that is right 90 % of the time can move a share by several percentage points, "
                    + "towards 50 % when it errs both ways. Run 'facecensus gender evaluate --json FILE' and give the "
                    + "file to the census to add corrected shares.");
        }

        ByDecade.Undated undated = stats.byDecade().undated();
        if (undated.total() > 0) {
            out.add(String.format(Locale.ROOT, "%d items could not be placed in one decade (%d without a date, %d with "
                    + "a date that could not be read, %d whose date range spans decades); they appear only in the "
                    + "“undated” row.", undated.total(), undated.noDate(), undated.unparsed(), undated.spansDecades()));
        }
        DescriptionFigures descriptions = stats.descriptions();
        if (descriptions != null) {
            out.add(String.format(Locale.ROOT, "Description terms count words in %d catalogue descriptions (miner %s), "
                    + "not people in the images: a description may name people the poster does not show (a series "
                    + "title, a quotation) and leave out people it does.%s",
                    descriptions.itemsWithDescription(), descriptions.miner(),
                    descriptions.minerErrors() > 0
                            ? " The miner failed on " + descriptions.minerErrors() + " descriptions." : ""));
        }
        out.add("The classifier predicts binary perceived gender from appearance. It says nothing about how the people "
                + "depicted identified themselves, and on posters it reads the artist's visual conventions as much "
                + "as the people.");
        return out;
    }

    /** The run's detector's figures, from its provider (detectors that were not measured have none). */
    private static Optional<MeasuredRecall> measuredRecall(String detector) {
        return FaceCensus.defaults().detectors().all().stream().filter(p -> p.name().equals(detector)).findFirst()
                .flatMap(FaceDetectorProvider::measuredRecall);
    }

    /** Adds the row, as the text names it, when it rests on fewer than {@link #SMALL_CELL} labelled faces. */
    private static void collectSmall(GroupRow row, String name, List<String> small) {
        long decided = row.shareOfWomen().decided();
        if (decided < SMALL_CELL) {
            small.add(name + " (" + decided + ")");
        }
    }

    /** A tag as the text names it among decades. */
    private static String quoted(ByTag.Row row) {
        return "tag “" + row.tag() + "”";
    }

    private static String clampedNote(CensusFigures stats) {
        List<String> clamped = new ArrayList<>();
        for (ByDecade.Row row : stats.byDecade().rows()) {
            if (row.figures().correctedShareOfWomen().clamped()) {
                clamped.add(row.decade());
            }
        }
        for (ByTag.Row row : stats.byTag().rows()) {
            if (row.figures().correctedShareOfWomen().clamped()) {
                clamped.add(quoted(row));
            }
        }
        if (clamped.isEmpty()) {
            return "";
        }
        return " In " + (clamped.size() == 1 ? "1 row" : clamped.size() + " rows") + " the correction fell outside 0–100 % and was clamped (" + String.join(", ", clamped)
                + "): their observed share is within the classifier's error of 0 % or 100 %.";
    }

    private static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static double width(ShareInterval interval) {
        return interval == null ? Double.NaN : interval.width();
    }
}
