package org.facecensus.label;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.io.AtomicFiles;

/**
 * Writes a census's female/male labels as the {@code labels.csv} that {@code facecensus gender
 * train|evaluate --data} reads: columns {@code file} (the crop, relative to the csv's folder when it
 * can be), {@code gender}, {@code split}, and the groups {@code style}, {@code tags}, {@code decade}.
 *
 * <p>Split: a face labelled from the audit stream is {@code test} with probability 1/4, drawn per face
 * from the census's seed (the same face always lands in the same split); every other female/male face
 * is {@code train}. Test faces are thus a random sample, never the classifier's hard cases. Labels
 * {@code unknown}, {@code not_a_face} and {@code skip} are not exported, nor faces without a crop.
 *
 * <p>Thread-safety: stateless.
 */
public final class LabelExport {
    /** The share of audit-labelled faces that go to the test split. */
    public static final double TEST_SHARE = 0.25;
    private static final List<String> COLUMNS = List.of("file", "gender", "split", "style", "tags", "decade");

    private LabelExport() {
    }

    /**
     * What an export wrote.
     *
     * <p>Thread-safety: immutable.
     *
     * @param file        the csv written
     * @param train       rows in the train split
     * @param test        rows in the test split
     * @param notExported labelled faces left out (not female/male, or without a crop)
     */
    public record Summary(Path file, long train, long test, long notExported) {
    }

    /**
     * Writes the csv, atomically.
     *
     * @param census the census
     * @param labels the current labels (e.g. {@link LabelStore#currentLabels()})
     * @param seed   the census's seed ({@link CardOrder#seedOf})
     * @param out    the csv to write; {@code gender train --data} takes its folder, so name it {@code labels.csv}
     */
    public static Summary write(CensusFolder census, Map<FaceKey, LabelEntry> labels, long seed, Path out) {
        Path csv = out.toAbsolutePath().normalize();
        List<Map<String, String>> rows = new ArrayList<>();
        long train = 0;
        long test = 0;
        long left = 0;
        for (CensusFace face : census.faces()) {
            LabelEntry label = labels.get(face.key());
            if (label == null) {
                continue;
            }
            if (!label.label().isGender() || face.crop() == null) {
                left++;
                continue;
            }
            boolean isTest = label.stream() == CardStream.AUDIT && drawsTest(seed, face.key());
            CensusItem item = census.item(face.key().itemId()).orElse(new CensusItem(face.key().itemId(), "", Map.of()));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("file", relative(csv.getParent(), face.crop()));
            row.put("gender", label.label().word());
            row.put("split", isTest ? "test" : "train");
            row.put("style", style(item));
            row.put("tags", item.column("tags"));
            row.put("decade", decade(item));
            rows.add(row);
            if (isTest) {
                test++;
            } else {
                train++;
            }
        }
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).setUseHeader(true).build();
        try {
            // Quotes only where a value needs them, as a person writing labels.csv by hand would.
            AtomicFiles.writeString(csv, new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writer(schema).writeValueAsString(rows));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write " + csv + ": " + e.getMessage()
                    + "; check that its folder exists and is writable.", e);
        }
        return new Summary(csv, train, test, left);
    }

    /**
     * The {@code n} faces whose current label is oldest (ties by face), as the labels stood after about {@code n}
     * cards; for learning curves. A face's split does not depend on this choice.
     */
    public static Map<FaceKey, LabelEntry> firstLabelled(Map<FaceKey, LabelEntry> labels, int n) {
        Map<FaceKey, LabelEntry> out = new LinkedHashMap<>();
        labels.values().stream()
                .sorted(java.util.Comparator.comparing(LabelEntry::time)
                        .thenComparing(e -> e.face().itemId()).thenComparingInt(e -> e.face().faceIndex()))
                .limit(n).forEach(e -> out.put(e.face(), e));
        return out;
    }

    /** A per-face draw, so adding labels never moves a face already exported from one split to the other. */
    static boolean drawsTest(long seed, FaceKey face) {
        long mixed = seed * 0x9E3779B97F4A7C15L + face.itemId().hashCode() * 31L + face.faceIndex();
        return new SplittableRandom(mixed).nextDouble() < TEST_SHARE;
    }

    private static String relative(Path folder, Path file) {
        if (folder != null && file.getRoot() != null && file.getRoot().equals(folder.getRoot())) {
            return folder.relativize(file).toString().replace(File.separatorChar, '/');
        }
        return file.toString();
    }

    /** The item's {@code style} column, else the first folder of its file (People-Art keeps one folder per style). */
    private static String style(CensusItem item) {
        String style = item.column("style");
        if (!style.isEmpty()) {
            return style;
        }
        int slash = item.file().indexOf('/');
        return slash > 0 ? item.file().substring(0, slash) : "";
    }

    /** {@code 1950s} when the catalogue's date lies within one decade, else empty. */
    private static String decade(CensusItem item) {
        try {
            int from = Integer.parseInt(item.column("year_from"));
            int to = Integer.parseInt(item.column("year_to"));
            return from / 10 == to / 10 ? from / 10 * 10 + "s" : "";
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
