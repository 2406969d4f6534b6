package org.facecensus.classify.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;

/**
 * A folder of labelled face images, in one of two layouts:
 * <ul>
 * <li>{@code DIR/labels.csv} with a header row: column {@code file} (relative to DIR), column
 *     {@code gender} (male/female, m/f, man/woman, men/women, case-insensitive), optional column
 *     {@code split} (e.g. train/test); every other column is kept as a group label (age, race,
 *     style...) for per-group figures;</li>
 * <li>the study's layout {@code DIR/<split>/{male,female}/*.jpg} (splits {@code train}, {@code test},
 *     ...), or {@code DIR/{male,female}/*.jpg} without splits.</li>
 * </ul>
 *
 * <p><b>Bad rows are skipped with a {@link DataProblem}, not fatal.</b> A user's labels for a few
 * hundred posters always contain a typo or a moved file; stopping a whole run for one row would make
 * them fix rows one at a time, while a skipped row changes a head trained on hundreds of faces very
 * little. Skips are never silent: every problem is returned (the CLI prints each one with its line
 * and file) and their number is written into the trained head's provenance. A file without the
 * required columns, or a folder with neither layout, is fatal (nothing could be read).
 *
 * <p>Thread-safety: immutable.
 */
public final class LabelledDataset {
    /** The file name of the CSV layout. */
    public static final String LABELS_FILE = "labels.csv";
    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    private final Path root;
    private final List<LabelledFace> faces;
    private final List<DataProblem> problems;
    private final List<String> groupColumns;

    private LabelledDataset(Path root, List<LabelledFace> faces, List<DataProblem> problems, List<String> groupColumns) {
        this.root = root;
        this.faces = List.copyOf(faces);
        this.problems = List.copyOf(problems);
        this.groupColumns = List.copyOf(groupColumns);
    }

    /** Reads {@code dir} in whichever layout it has ({@code labels.csv} wins when both are present). */
    public static LabelledDataset read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FaceCensusException("Labelled data folder " + dir + " does not exist; give a folder with "
                    + LABELS_FILE + " (columns file, gender, optional split) or male/ and female/ subfolders.");
        }
        if (Files.isRegularFile(dir.resolve(LABELS_FILE))) {
            return readCsv(dir);
        }
        return readFolders(dir);
    }

    /** Parses a gender word; empty when it is not one of the accepted words. */
    public static Optional<Gender> parseGender(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "male", "m", "man", "men", "boy" -> Optional.of(Gender.MALE);
            case "female", "f", "woman", "women", "girl" -> Optional.of(Gender.FEMALE);
            default -> Optional.empty();
        };
    }

    private static LabelledDataset readCsv(Path dir) {
        Path csv = dir.resolve(LABELS_FILE);
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
                ;
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<LabelledFace> faces = new ArrayList<>();
        List<DataProblem> problems = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class).with(schema).readValues(reader)) {
            CsvSchema header = (CsvSchema) rows.getParserSchema();
            List<String> columns = new ArrayList<>();
            header.forEach(c -> columns.add(c.getName()));
            for (String required : List.of("file", "gender")) {
                if (!columns.contains(required)) {
                    throw new FaceCensusException(csv + " has no '" + required + "' column (columns: " + columns
                            + "); its header row must name at least the columns file and gender.");
                }
            }
            columns.stream().filter(c -> !c.equals("file") && !c.equals("gender") && !c.equals("split"))
                    .forEach(groups::add);
            Iterator<Map<String, String>> it = rows;
            // Line numbers count the header as line 1, as a spreadsheet shows them (one row per line).
            long line = 1;
            while (true) {
                line++;
                Map<String, String> row;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    row = it.next();
                } catch (RuntimeJsonMappingException e) {
                    problems.add(new DataProblem(LABELS_FILE + " line " + line, "", "unreadable row: " + e.getMessage()));
                    continue;
                }
                String origin = LABELS_FILE + " line " + line;
                String file = row.getOrDefault("file", "");
                String genderWord = row.getOrDefault("gender", "");
                if (file == null || file.isBlank()) {
                    problems.add(new DataProblem(origin, "", "no file name in column 'file'"));
                    continue;
                }
                Optional<Gender> gender = parseGender(genderWord == null ? "" : genderWord);
                if (gender.isEmpty()) {
                    problems.add(new DataProblem(origin, file, "unknown gender '" + genderWord
                            + "'; use male/female (or m/f, man/woman); the row is skipped"));
                    continue;
                }
                Path image = dir.resolve(file).normalize();
                if (!Files.isRegularFile(image)) {
                    problems.add(new DataProblem(origin, file, "image file not found at " + image + "; the row is skipped"));
                    continue;
                }
                Map<String, String> extra = new LinkedHashMap<>();
                for (String g : groups) {
                    String v = row.get(g);
                    if (v != null && !v.isBlank()) {
                        extra.put(g, v);
                    }
                }
                String split = row.getOrDefault("split", "");
                faces.add(new LabelledFace(image, gender.get(), split == null ? "" : split, extra, origin));
            }
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        return new LabelledDataset(dir, faces, problems, groups);
    }

    private static LabelledDataset readFolders(Path dir) {
        List<LabelledFace> faces = new ArrayList<>();
        List<DataProblem> problems = new ArrayList<>();
        if (hasGenderFolders(dir)) {
            readGenderFolders(dir, "", faces, problems);
        } else {
            List<Path> splits;
            try (Stream<Path> list = Files.list(dir)) {
                splits = list.filter(Files::isDirectory).filter(LabelledDataset::hasGenderFolders).sorted().toList();
            } catch (IOException e) {
                throw new FaceCensusException("Cannot list " + dir + ": " + e.getMessage(), e);
            }
            for (Path split : splits) {
                readGenderFolders(split, split.getFileName().toString(), faces, problems);
            }
        }
        if (faces.isEmpty() && problems.isEmpty()) {
            throw new FaceCensusException("No labelled faces in " + dir + ": expected " + LABELS_FILE
                    + " (columns file, gender, optional split), or folders male/ and female/ (optionally inside"
                    + " train/ and test/) holding the images.");
        }
        return new LabelledDataset(dir, faces, problems, List.of());
    }

    private static boolean hasGenderFolders(Path dir) {
        return Files.isDirectory(dir.resolve("male")) || Files.isDirectory(dir.resolve("female"));
    }

    private static void readGenderFolders(Path dir, String split, List<LabelledFace> faces, List<DataProblem> problems) {
        for (Gender gender : List.of(Gender.FEMALE, Gender.MALE)) {
            Path folder = dir.resolve(gender.name().toLowerCase(Locale.ROOT));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.list(folder)) {
                for (Path f : walk.sorted().toList()) {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    String origin = (split.isEmpty() ? "" : split + "/") + folder.getFileName();
                    if (!Files.isRegularFile(f) || name.startsWith(".")) {
                        continue;
                    }
                    if (IMAGE_EXTENSIONS.stream().noneMatch(name::endsWith)) {
                        problems.add(new DataProblem(origin, f.getFileName().toString(),
                                "not an image file name (jpg, jpeg, png, bmp, gif); skipped"));
                        continue;
                    }
                    faces.add(new LabelledFace(f, gender, split, Map.of(), origin));
                }
            } catch (IOException e) {
                throw new FaceCensusException("Cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    public Path root() {
        return root;
    }

    /** Every readable labelled face, in file order. */
    public List<LabelledFace> faces() {
        return faces;
    }

    /** The faces of one split ({@code null} or empty: all). */
    public List<LabelledFace> split(String split) {
        if (split == null || split.isEmpty()) {
            return faces;
        }
        return faces.stream().filter(f -> f.split().equalsIgnoreCase(split)).toList();
    }

    /** The rows that were skipped, and why. */
    public List<DataProblem> problems() {
        return problems;
    }

    /** The extra label columns of a CSV layout (e.g. age, race), in header order. */
    public List<String> groupColumns() {
        return groupColumns;
    }
}
