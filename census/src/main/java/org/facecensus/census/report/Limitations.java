package org.facecensus.census.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.facecensus.FaceCensus;
import org.facecensus.census.ItemRecord;
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
    static List<String> of(JsonNode stats, List<ItemRecord> items, String detector) {
        List<String> out = new ArrayList<>();
        JsonNode totals = stats.path("totals");
        long itemCount = totals.path("items").asLong();
        long analysed = totals.path("itemsAnalysed").asLong();
        long failed = totals.path("itemsFailed").asLong();
        long withFaces = totals.path("itemsWithFaces").asLong();
        long faces = totals.path("faces").asLong();
        long unknown = totals.path("unknown").asLong();
        JsonNode overall = stats.path("overall");

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

        JsonNode observed = overall.path("shareOfWomen");
        double wilsonWidth = width(observed.path("wilson95"));
        double itemWidth = width(observed.path("itemBootstrap95"));
        if (Double.isFinite(wilsonWidth)) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "The overall share of women, %s, has a 95 %% interval %.1f percentage points wide (Wilson, %d faces "
                            + "with a label).", Html.percent(observed.path("estimate").asDouble(Double.NaN)),
                    wilsonWidth * 100, observed.path("decided").asLong()));
            if (Double.isFinite(itemWidth) && itemWidth > wilsonWidth * 1.15) {
                s.append(String.format(Locale.ROOT, " Faces on one item are not independent (a poster of soldiers "
                        + "shows several men): resampling whole items gives an interval %.1f times as wide (%s), which "
                        + "is the more honest one.", itemWidth / wilsonWidth,
                        Html.interval(observed.path("itemBootstrap95").path("low").asDouble(Double.NaN),
                                observed.path("itemBootstrap95").path("high").asDouble(Double.NaN))));
            }
            out.add(s.toString());
        }
        List<String> small = new ArrayList<>();
        String widest = null;
        double widestWidth = -1;
        for (JsonNode row : stats.path("byDecade").path("rows")) {
            String name = row.path("decade").asText();
            collectSmall(row, name, small);
            double w = width(row.path("shareOfWomen").path("wilson95"));
            boolean counted = row.path("shareOfWomen").path("decided").asLong() >= SMALL_CELL;
            if (counted && !name.equals("undated") && Double.isFinite(w) && w > widestWidth) {
                widestWidth = w;
                widest = name;
            }
        }
        for (JsonNode row : stats.path("byTag").path("rows")) {
            collectSmall(row, "tag “" + row.path("tag").asText() + "”", small);
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

        JsonNode classifier = stats.path("classifier");
        JsonNode corrected = overall.path("correctedShareOfWomen");
        if (classifier.isObject()) {
            double sensitivity = classifier.path("sensitivity").asDouble(Double.NaN);
            double specificity = classifier.path("specificity").asDouble(Double.NaN);
            double before = observed.path("estimate").asDouble(Double.NaN);
            double after = corrected.path("estimate").asDouble(Double.NaN);
            out.add(String.format(Locale.ROOT, "The classifier %s was measured to call %s of women women (sensitivity) "
                    + "and %s of men men (specificity) on %d + %d evaluation faces. Correcting for that moves the "
                    + "overall share of women from %s to %s (%s); the corrected intervals also carry the evaluation's "
                    + "own sampling error and are wider.%s",
                    classifier.path("name").asText(), Html.percent(sensitivity), Html.percent(specificity),
                    classifier.path("decidedWomen").asLong(), classifier.path("decidedMen").asLong(),
                    Html.percent(before), Html.percent(after), Html.points(after - before), clampedNote(stats)));
            out.add("The error rates come from the evaluation file " + classifier.path("source").asText()
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

        JsonNode undated = stats.path("byDecade").path("undated");
        long noDate = undated.path("noDate").asLong();
        long unparsed = undated.path("unparsed").asLong();
        long spans = undated.path("spansDecades").asLong();
        if (noDate + unparsed + spans > 0) {
            out.add(String.format(Locale.ROOT, "%d items could not be placed in one decade (%d without a date, %d with "
                    + "a date that could not be read, %d whose date range spans decades); they appear only in the "
                    + "“undated” row.", noDate + unparsed + spans, noDate, unparsed, spans));
        }
        JsonNode descriptions = stats.path("descriptions");
        if (descriptions.isObject()) {
            out.add(String.format(Locale.ROOT, "Description terms count words in %d catalogue descriptions (miner %s), "
                    + "not people in the images: a description may name people the poster does not show (a series "
                    + "title, a quotation) and leave out people it does.%s",
                    descriptions.path("itemsWithDescription").asLong(), descriptions.path("miner").asText(),
                    descriptions.path("minerErrors").asLong() > 0
                            ? " The miner failed on " + descriptions.path("minerErrors").asLong() + " descriptions." : ""));
        }
        out.add("The classifier predicts binary perceived gender from appearance. It says nothing about how the people "
                + "depicted identified themselves, and on posters it reads the artist's visual conventions as much "
                + "as the people.");
        return out;
    }

    /** The run's detector's figures, from its provider (detectors that were not measured have none). */
    private static Optional<MeasuredRecall> measuredRecall(String detector) {
        return FaceCensus.detectors().all().stream().filter(p -> p.name().equals(detector)).findFirst()
                .flatMap(FaceDetectorProvider::measuredRecall);
    }

    private static void collectSmall(JsonNode row, String name, List<String> small) {
        long decided = row.path("shareOfWomen").path("decided").asLong();
        if (decided < SMALL_CELL) {
            small.add(name + " (" + decided + ")");
        }
    }

    private static String clampedNote(JsonNode stats) {
        List<String> clamped = new ArrayList<>();
        for (JsonNode row : stats.path("byDecade").path("rows")) {
            if (row.path("correctedShareOfWomen").path("clamped").asBoolean()) {
                clamped.add(row.path("decade").asText());
            }
        }
        for (JsonNode row : stats.path("byTag").path("rows")) {
            if (row.path("correctedShareOfWomen").path("clamped").asBoolean()) {
                clamped.add("tag “" + row.path("tag").asText() + "”");
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

    static double width(JsonNode interval) {
        if (!interval.isObject() || !interval.path("low").isNumber() || !interval.path("high").isNumber()) {
            return Double.NaN;
        }
        return interval.path("high").asDouble() - interval.path("low").asDouble();
    }
}
