package org.facecensus.census.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.run.AnalysedItem;
import org.facecensus.classify.Gender;
import org.facecensus.model.ModelInfo;

/**
 * The census's two Parquet tables under {@code OUT/parquet/}: {@code faces/} (one row per face) and {@code items/}
 * (one row per analysed item, with the models that classified it as JSON). Each chunk writes one file per table,
 * named by the chunk: first to a hidden temporary name (Spark's reader skips names starting with '_'), then moved
 * into place atomically, faces before items. A chunk is finished exactly when its items file exists.
 *
 * <p>Thread-safety: stateless; distinct chunks may be written at once.
 */
final class ParquetTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final MessageType FACES = MessageTypeParser.parseMessageType("""
            message face {
              required int32 chunk;
              required binary item_id (STRING);
              required int32 face_index;
              required double x;
              required double y;
              required double width;
              required double height;
              required double score;
              required binary gender (STRING);
              optional double probability;
              required binary crop (STRING);
              required binary error (STRING);
              optional double p_face;
            }""");

    static final MessageType ITEMS = MessageTypeParser.parseMessageType("""
            message item {
              required int32 chunk;
              required binary item_id (STRING);
              required binary file (STRING);
              required int32 faces;
              required binary error (STRING);
              required binary problem (STRING);
              required int32 rejected_faces;
              required int32 image_width;
              required int32 image_height;
              required binary models (STRING);
            }""");

    private ParquetTables() {
    }

    static Path facesDir(Path out) {
        return out.resolve("parquet").resolve("faces");
    }

    static Path itemsDir(Path out) {
        return out.resolve("parquet").resolve("items");
    }

    /** Whether the chunk's files are in place (an earlier attempt or run finished it). */
    static boolean finished(Path out, Chunk chunk) {
        return Files.isRegularFile(itemsDir(out).resolve(chunk.fileName()));
    }

    /** Writes the chunk's faces, then its items; each file appears whole under its final name or not at all. */
    static void write(Path out, Chunk chunk, List<AnalysedItem> analysed, String attempt) throws IOException {
        Path faces = Files.createDirectories(facesDir(out));
        Path items = Files.createDirectories(itemsDir(out));
        Path facesTmp = faces.resolve("_" + attempt + "-" + chunk.fileName());
        Path itemsTmp = items.resolve("_" + attempt + "-" + chunk.fileName());
        SimpleGroupFactory faceRows = new SimpleGroupFactory(FACES);
        SimpleGroupFactory itemRows = new SimpleGroupFactory(ITEMS);
        try (ParquetWriter<Group> w = writer(facesTmp, FACES)) {
            for (AnalysedItem a : analysed) {
                for (FaceRecord f : a.item().faces()) {
                    Group g = faceRows.newGroup().append("chunk", chunk.index()).append("item_id", f.itemId())
                            .append("face_index", f.faceIndex()).append("x", f.x()).append("y", f.y())
                            .append("width", f.width()).append("height", f.height()).append("score", f.score())
                            .append("gender", f.gender().name());
                    if (!Double.isNaN(f.probability())) {
                        g.append("probability", f.probability());
                    }
                    g.append("crop", f.cropPath()).append("error", f.error());
                    if (!Double.isNaN(f.probabilityFace())) {
                        g.append("p_face", f.probabilityFace());
                    }
                    w.write(g);
                }
            }
        }
        try (ParquetWriter<Group> w = writer(itemsTmp, ITEMS)) {
            for (AnalysedItem a : analysed) {
                ItemRecord r = a.item();
                w.write(itemRows.newGroup().append("chunk", chunk.index()).append("item_id", r.itemId())
                        .append("file", r.file()).append("faces", r.faces().size()).append("error", r.error())
                        .append("problem", r.problem()).append("rejected_faces", r.rejectedFaces())
                        .append("image_width", r.imageWidth()).append("image_height", r.imageHeight())
                        .append("models", JSON.writeValueAsString(a.models())));
            }
        }
        Files.move(facesTmp, faces.resolve(chunk.fileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(itemsTmp, items.resolve(chunk.fileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        Configuration conf = new Configuration(false);
        // the raw local file system: no .crc side files that would go stale when the file is moved into place
        conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
                .withConf(conf).withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    /**
     * Every finished item, read back with Spark (on the driver), by item id: the items table joined with its faces,
     * faces in their index order. Only chunks in {@code chunks} are read, so files of another partitioning are not.
     */
    static Map<String, AnalysedItem> read(SparkSession spark, Path out, List<Chunk> chunks) {
        List<String> itemFiles = new ArrayList<>();
        List<String> faceFiles = new ArrayList<>();
        for (Chunk c : chunks) {
            itemFiles.add(itemsDir(out).resolve(c.fileName()).toUri().toString());
            Path faces = facesDir(out).resolve(c.fileName());
            faceFiles.add(faces.toUri().toString());
        }
        Map<String, List<FaceRecord>> faces = new HashMap<>();
        if (!faceFiles.isEmpty()) {
            for (Row r : spark.read().schema(sparkSchema(FACES)).parquet(faceFiles.toArray(String[]::new))
                    .collectAsList()) {
                FaceRecord f = new FaceRecord(r.getString(1), r.getInt(2), r.getDouble(3), r.getDouble(4),
                        r.getDouble(5), r.getDouble(6), r.getDouble(7), Gender.valueOf(r.getString(8)),
                        r.isNullAt(9) ? Double.NaN : r.getDouble(9),
                        // p_face is last, so chunks written before it existed read as null here: none.
                        r.isNullAt(12) ? Double.NaN : r.getDouble(12), r.getString(10), r.getString(11));
                faces.computeIfAbsent(f.itemId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, AnalysedItem> done = new LinkedHashMap<>();
        if (itemFiles.isEmpty()) {
            return done;
        }
        for (Row r : spark.read().schema(sparkSchema(ITEMS)).parquet(itemFiles.toArray(String[]::new))
                .collectAsList()) {
            String id = r.getString(1);
            List<FaceRecord> own = new ArrayList<>(faces.getOrDefault(id, List.of()));
            own.sort(java.util.Comparator.comparingInt(FaceRecord::faceIndex));
            if (own.size() != r.getInt(3)) {
                throw new FaceCensusException("the Parquet tables under " + out.resolve("parquet") + " disagree on item "
                        + id + " (" + own.size() + " faces, the items table says " + r.getInt(3) + "); delete "
                        + out.resolve("parquet") + " and run again");
            }
            if (done.put(id, new AnalysedItem(new ItemRecord(id, r.getString(2), null, own, r.getString(4),
                    r.getString(5), r.getInt(6), r.getInt(7), r.getInt(8)), models(r.getString(9)))) != null) {
                throw new FaceCensusException("item " + id + " is in two chunks under " + out.resolve("parquet")
                        + "; delete that folder and run again");
            }
        }
        return done;
    }

    private static List<ModelInfo> models(String json) {
        try {
            List<ModelInfo> out = new ArrayList<>();
            for (JsonNode m : JSON.readTree(json)) {
                out.add(JSON.treeToValue(m, ModelInfo.class));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new FaceCensusException("unreadable models column in the census's Parquet items table: "
                    + e.getMessage(), e);
        }
    }

    /** The Spark schema of a table, so that reading never infers (and never merges differing files). */
    private static org.apache.spark.sql.types.StructType sparkSchema(MessageType parquet) {
        org.apache.spark.sql.types.StructType t = new org.apache.spark.sql.types.StructType();
        for (org.apache.parquet.schema.Type f : parquet.getFields()) {
            String prim = f.asPrimitiveType().getPrimitiveTypeName().name();
            org.apache.spark.sql.types.DataType dt = switch (prim) {
                case "INT32" -> org.apache.spark.sql.types.DataTypes.IntegerType;
                case "DOUBLE" -> org.apache.spark.sql.types.DataTypes.DoubleType;
                default -> org.apache.spark.sql.types.DataTypes.StringType;
            };
            t = t.add(f.getName(), dt, !f.isRepetition(org.apache.parquet.schema.Type.Repetition.REQUIRED));
        }
        return t;
    }
}
