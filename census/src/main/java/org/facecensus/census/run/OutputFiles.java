package org.facecensus.census.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.io.AtomicFiles;

/**
 * The census's data files: {@code faces.csv}, {@code faces.jsonl}, {@code items.csv}. Their content
 * depends only on the items (sorted by id) and the model names, never on time or thread order, so a
 * resumed run writes the same bytes as an uninterrupted one. Each file is written atomically
 * ({@link AtomicFiles}).
 *
 * <p>Thread-safety: stateless.
 */
public final class OutputFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputFiles() {
    }

    /** An item id as a file name part: characters other than letters, digits, '.', '-', '_' become '_'. */
    public static String fileSafe(String itemId) {
        String safe = itemId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (!safe.equals(itemId)) {
            // Distinct ids could map to the same name ("a b", "a_b"); the id's hash keeps them apart.
            safe += "-" + String.format(Locale.ROOT, "%08x", itemId.hashCode());
        }
        return safe;
    }

    static void writeFaces(Path outDir, List<ItemRecord> items, String models) {
        StringBuilder csv = new StringBuilder(
                "item_id,face_index,x,y,width,height,score,gender,probability,p_face,crop,error,models\n");
        StringBuilder jsonl = new StringBuilder();
        for (ItemRecord item : items) {
            for (FaceRecord f : item.faces()) {
                csvRow(csv, item.itemId(), Integer.toString(f.faceIndex()), decimal(f.x(), 2), decimal(f.y(), 2),
                        decimal(f.width(), 2), decimal(f.height(), 2), decimal(f.score(), 4), label(f.gender()),
                        decimal(f.probability(), 4), decimal(f.probabilityFace(), 4), f.cropPath(), f.error(), models);
                ObjectNode o = JSON.createObjectNode();
                o.put("item_id", item.itemId()).put("face_index", f.faceIndex());
                o.putArray("box").add(round(f.x(), 2)).add(round(f.y(), 2)).add(round(f.width(), 2))
                        .add(round(f.height(), 2));
                o.put("score", round(f.score(), 4)).put("gender", label(f.gender()));
                if (Double.isNaN(f.probability())) {
                    o.putNull("probability");
                } else {
                    o.put("probability", round(f.probability(), 4));
                }
                if (Double.isNaN(f.probabilityFace())) {
                    o.putNull("p_face");
                } else {
                    o.put("p_face", round(f.probabilityFace(), 4));
                }
                o.put("crop", f.cropPath()).put("error", f.error()).put("models", models);
                jsonl.append(line(o)).append('\n');
            }
        }
        writeAtomically(outDir.resolve("faces.csv"), csv.toString());
        writeAtomically(outDir.resolve("faces.jsonl"), jsonl.toString());
    }

    static void writeItems(Path outDir, List<ItemRecord> items) {
        Set<String> extraColumns = new LinkedHashSet<>();
        for (ItemRecord item : items) {
            if (item.metadata() != null) {
                extraColumns.addAll(item.metadata().extra().keySet());
            }
        }
        List<String> header = new ArrayList<>(List.of("item_id", "file", "faces", "men", "women", "unknown",
                "rejected_faces", "composition", "image_width", "image_height", "catalogued", "title", "date", "year_from", "year_to", "designer", "tags", "description"));
        for (String extra : extraColumns) {
            header.add(header.contains(extra) ? "extra_" + extra : extra);
        }
        header.add("error");
        header.add("problem");
        StringBuilder csv = new StringBuilder();
        csvRow(csv, header.toArray(String[]::new));
        for (ItemRecord item : items) {
            ItemMetadata m = item.metadata();
            List<String> row = new ArrayList<>();
            row.add(item.itemId());
            row.add(item.file());
            boolean analysed = !item.file().isEmpty() && !item.failed();
            row.add(analysed ? Integer.toString(item.faces().size()) : "");
            row.add(analysed ? Long.toString(count(item, Gender.MALE)) : "");
            row.add(analysed ? Long.toString(count(item, Gender.FEMALE)) : "");
            row.add(analysed ? Long.toString(count(item, Gender.UNKNOWN)) : "");
            row.add(analysed ? Integer.toString(item.rejectedFaces()) : "");
            row.add(analysed ? item.composition().label() : "");
            row.add(item.hasImageSize() ? Integer.toString(item.imageWidth()) : "");
            row.add(item.hasImageSize() ? Integer.toString(item.imageHeight()) : "");
            row.add(m == null ? "no" : "yes");
            row.add(m == null ? "" : m.title());
            row.add(m == null ? "" : m.date().raw());
            row.add(m == null || !m.date().parsed() ? "" : m.date().fromYear().toString());
            row.add(m == null || !m.date().parsed() ? "" : m.date().toYear().toString());
            row.add(m == null ? "" : m.designer());
            row.add(m == null ? "" : String.join(";", m.tags()));
            row.add(m == null ? "" : m.description());
            for (String extra : extraColumns) {
                row.add(m == null ? "" : m.extra().getOrDefault(extra, ""));
            }
            row.add(item.error());
            row.add(item.problem());
            csvRow(csv, row.toArray(String[]::new));
        }
        writeAtomically(outDir.resolve("items.csv"), csv.toString());
    }

    private static long count(ItemRecord item, Gender gender) {
        return item.faces().stream().filter(f -> f.gender() == gender).count();
    }

    static String label(Gender gender) {
        return gender.name().toLowerCase(Locale.ROOT);
    }

    private static void csvRow(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields[i];
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append('\n');
    }

    static String decimal(double value, int places) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + places + "f", value);
    }

    static double round(double value, int places) {
        return Double.parseDouble(decimal(value, places));
    }

    static String line(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("cannot serialise " + node + ": " + e.getMessage(), e);
        }
    }

    /** Indented JSON with a final newline. */
    public static String prettyJson(Object value) {
        try {
            return PRETTY.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("cannot serialise JSON: " + e.getMessage(), e);
        }
    }

    /** Writes UTF-8 text to {@code target} atomically; see {@link AtomicFiles}. */
    public static void writeAtomically(Path target, String text) {
        try {
            AtomicFiles.writeString(target, text);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes temporary files that a killed run left in {@code dir}; see {@link AtomicFiles#removeLeftovers}. */
    static void removeLeftovers(Path dir) {
        try {
            AtomicFiles.removeLeftovers(dir);
        } catch (IOException e) {
            throw new FaceCensusException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

}
