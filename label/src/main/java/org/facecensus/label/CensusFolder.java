package org.facecensus.label;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelStore;

/**
 * A census folder as {@code facecensus analyze} wrote it, read for labelling: {@code faces.csv},
 * {@code items.csv}, {@code crops/} and the collection folder named in {@code run.json}.
 *
 * <p>Files are only ever found by looking a face or an item up in these tables, never from a name a
 * caller passes in, so a web request cannot reach a file the census did not list.
 *
 * <p>Thread-safety: immutable after {@link #read}.
 */
public final class CensusFolder {
    private final Path dir;
    private final Path collection;
    private final List<CensusFace> faces;
    private final Map<FaceKey, CensusFace> facesByKey;
    private final Map<String, CensusItem> items;

    private CensusFolder(Path dir, Path collection, List<CensusFace> faces, Map<String, CensusItem> items) {
        this.dir = dir;
        this.collection = collection;
        this.faces = List.copyOf(faces);
        Map<FaceKey, CensusFace> byKey = new LinkedHashMap<>();
        faces.forEach(f -> byKey.put(f.key(), f));
        this.facesByKey = Collections.unmodifiableMap(byKey);
        this.items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    }

    /** Reads the census in {@code dir}; fails with what is missing when it is not a finished census. */
    public static CensusFolder read(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        for (String name : List.of("faces.csv", "items.csv", "run.json")) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new FaceCensusException(folder + " has no " + name + ": give the --out folder of a finished"
                        + " 'facecensus analyze' run.");
            }
        }
        Path collection = collectionOf(folder);
        Map<String, CensusItem> items = new LinkedHashMap<>();
        for (Map<String, String> row : csvRows(folder.resolve("items.csv"))) {
            String id = row.getOrDefault("item_id", "");
            if (!id.isEmpty()) {
                items.put(id, new CensusItem(id, row.get("file"), row));
            }
        }
        List<CensusFace> faces = new ArrayList<>();
        for (Map<String, String> row : csvRows(folder.resolve("faces.csv"))) {
            faces.add(face(folder, row));
        }
        return new CensusFolder(folder, collection, faces, items);
    }

    private static CensusFace face(Path folder, Map<String, String> row) {
        String where = "faces.csv row " + row;
        FaceKey key = new FaceKey(row.getOrDefault("item_id", ""), (int) number(row, "face_index", where));
        String crop = row.getOrDefault("crop", "");
        Path cropFile = null;
        String sha = "";
        if (!crop.isEmpty()) {
            cropFile = folder.resolve(crop).normalize();
            // The census writes crops under crops/; anything else in the column is not ours to serve.
            if (!cropFile.startsWith(folder.resolve("crops")) || !Files.isRegularFile(cropFile)) {
                cropFile = null;
            } else {
                sha = sha256(cropFile);
            }
        }
        return new CensusFace(key, number(row, "x", where), number(row, "y", where), number(row, "width", where),
                number(row, "height", where), row.get("gender"), optionalNumber(row, "probability", where),
                optionalNumber(row, "p_face", where), cropFile, sha);
    }

    /** NaN when the column is empty or missing (p_face in a census written before it existed). */
    private static double optionalNumber(Map<String, String> row, String column, String where) {
        return row.getOrDefault(column, "").isEmpty() ? Double.NaN : number(row, column, where);
    }

    private static double number(Map<String, String> row, String column, String where) {
        try {
            return Double.parseDouble(row.getOrDefault(column, ""));
        } catch (NumberFormatException e) {
            throw new FaceCensusException("Column " + column + " is not a number in " + where
                    + "; faces.csv is damaged: run 'facecensus analyze' again on the same --out folder.", e);
        }
    }

    private static Path collectionOf(Path folder) {
        Path runJson = folder.resolve("run.json");
        try {
            JsonNode run = new ObjectMapper().readTree(runJson.toFile());
            String given = run.path("collection").asText("");
            if (given.isEmpty()) {
                throw new FaceCensusException(runJson + " names no collection folder; run 'facecensus analyze' again.");
            }
            Path path = Path.of(given);
            // analyze records the folder as given: a relative one is relative to where analyze was started,
            // which is unknown here, so the current folder is tried first, then the census's parent.
            if (!path.isAbsolute() && !Files.isDirectory(path) && folder.getParent() != null) {
                path = folder.getParent().resolve(given);
            }
            return path.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + runJson + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, String>> csvRows(Path csv) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            while (it.hasNext()) {
                Map<String, String> row = new LinkedHashMap<>();
                it.next().forEach((k, v) -> row.put(k, v == null ? "" : v));
                rows.add(row);
            }
        } catch (IOException | RuntimeException e) {
            throw new FaceCensusException("Cannot read " + csv + ": " + e.getMessage()
                    + "; run 'facecensus analyze' again on the same --out folder to rewrite it.", e);
        }
        return rows;
    }

    /** The sha256 of a file's bytes, in lower-case hex. */
    static String sha256(Path file) {
        try {
            return ModelStore.sha256(file);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The census folder, absolute. */
    public Path dir() {
        return dir;
    }

    /** The collection folder the census analysed, absolute (it may have moved since). */
    public Path collection() {
        return collection;
    }

    /** Every face, in {@code faces.csv} order (items sorted by id, faces in detector order). */
    public List<CensusFace> faces() {
        return faces;
    }

    /** The face with this key, if the census has it. */
    public Optional<CensusFace> face(FaceKey key) {
        return Optional.ofNullable(facesByKey.get(key));
    }

    /** Every item, in {@code items.csv} order (sorted by id). */
    public List<CensusItem> items() {
        return List.copyOf(items.values());
    }

    /** The item with this id, if the census has it. */
    public Optional<CensusItem> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    /**
     * The item's image file, if it is listed and still lies inside the collection folder (a
     * {@code file} column that leads outside it is refused).
     */
    public Optional<Path> artwork(String itemId) {
        return item(itemId).filter(i -> !i.file().isEmpty()).map(i -> collection.resolve(i.file()).normalize())
                .filter(p -> p.startsWith(collection) && Files.isRegularFile(p));
    }
}
