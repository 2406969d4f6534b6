package org.facecensus.census.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;
import org.facecensus.io.AtomicFiles;
import org.facecensus.model.ModelInfo;

/**
 * Writes a census as one SQLite file ({@code census.sqlite}) with tables {@code items},
 * {@code faces}, {@code metadata}, {@code models} and {@code run}. SQLite rather than a columnar
 * engine: the driver is one small jar, and the single-file format opens in every language,
 * spreadsheet bridge and the {@code sqlite3} shell.
 *
 * <p>The file is built under a temporary name and moved into place, so readers never see half a
 * census. Its bytes depend only on the data (rows are inserted in item-id order; no timestamps), so
 * a resumed run writes the same file as an uninterrupted one.
 *
 * <p>Thread-safety: stateless.
 */
public final class CensusDatabase {
    static final String SCHEMA = """
            CREATE TABLE items (
              item_id TEXT PRIMARY KEY, file TEXT, faces INTEGER, men INTEGER, women INTEGER, unknown INTEGER,
              composition TEXT, catalogued INTEGER, title TEXT, date TEXT, year_from INTEGER, year_to INTEGER, designer TEXT,
              description TEXT, error TEXT, problem TEXT, rejected_faces INTEGER, image_width INTEGER, image_height INTEGER);
            CREATE TABLE faces (
              item_id TEXT NOT NULL REFERENCES items(item_id), face_index INTEGER NOT NULL, x REAL, y REAL,
              width REAL, height REAL, score REAL, gender TEXT, probability REAL, p_face REAL, crop TEXT, error TEXT,
              PRIMARY KEY (item_id, face_index));
            CREATE TABLE metadata (
              item_id TEXT NOT NULL REFERENCES items(item_id), field TEXT NOT NULL, position INTEGER NOT NULL,
              value TEXT, PRIMARY KEY (item_id, field, position));
            CREATE TABLE models (name TEXT PRIMARY KEY, version TEXT, source TEXT, sha256 TEXT, licence TEXT);
            CREATE TABLE run (setting TEXT PRIMARY KEY, value TEXT);
            """;

    private CensusDatabase() {
    }

    /**
     * @param target   the database file to (re)place
     * @param items    sorted by item id
     * @param models   every model used
     * @param settings the run's settings (no timings: those are in run.json)
     */
    public static void write(Path target, List<ItemRecord> items, List<ModelInfo> models, Map<String, String> settings) {
        try {
            // SQLite writes the file itself: it fills the temporary file, which then replaces target.
            AtomicFiles.writeFile(target, tmp -> {
                try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + tmp)) {
                    db.setAutoCommit(false);
                    try (Statement s = db.createStatement()) {
                        for (String ddl : SCHEMA.split(";")) {
                            if (!ddl.isBlank()) {
                                s.execute(ddl);
                            }
                        }
                    }
                    insertItems(db, items);
                    insertModels(db, models);
                    try (PreparedStatement p = db.prepareStatement("INSERT INTO run VALUES (?, ?)")) {
                        for (Map.Entry<String, String> e : settings.entrySet()) {
                            p.setString(1, e.getKey());
                            p.setString(2, e.getValue());
                            p.executeUpdate();
                        }
                    }
                    db.commit();
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new FaceCensusException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void insertItems(Connection db, List<ItemRecord> items) throws SQLException {
        try (PreparedStatement item = db.prepareStatement("INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement face = db.prepareStatement("INSERT INTO faces VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement meta = db.prepareStatement("INSERT INTO metadata VALUES (?,?,?,?)")) {
            for (ItemRecord r : items) {
                ItemMetadata m = r.metadata();
                boolean analysed = !r.file().isEmpty() && !r.failed();
                item.setString(1, r.itemId());
                item.setString(2, r.file());
                setCount(item, 3, analysed, r.faces().size());
                setCount(item, 4, analysed, r.faces().stream().filter(f -> f.gender() == Gender.MALE).count());
                setCount(item, 5, analysed, r.faces().stream().filter(f -> f.gender() == Gender.FEMALE).count());
                setCount(item, 6, analysed, r.faces().stream().filter(f -> f.gender() == Gender.UNKNOWN).count());
                item.setString(7, analysed ? r.composition().label() : null);
                item.setInt(8, m == null ? 0 : 1);
                item.setString(9, m == null ? null : m.title());
                item.setString(10, m == null ? null : m.date().raw());
                item.setObject(11, m == null ? null : m.date().fromYear());
                item.setObject(12, m == null ? null : m.date().toYear());
                item.setString(13, m == null ? null : m.designer());
                item.setString(14, m == null ? null : m.description());
                item.setString(15, r.error().isEmpty() ? null : r.error());
                item.setString(16, r.problem().isEmpty() ? null : r.problem());
                setCount(item, 17, analysed, r.rejectedFaces());
                setCount(item, 18, r.hasImageSize(), r.imageWidth());
                setCount(item, 19, r.hasImageSize(), r.imageHeight());
                item.executeUpdate();
                for (FaceRecord f : r.faces()) {
                    face.setString(1, r.itemId());
                    face.setInt(2, f.faceIndex());
                    face.setDouble(3, f.x());
                    face.setDouble(4, f.y());
                    face.setDouble(5, f.width());
                    face.setDouble(6, f.height());
                    face.setDouble(7, f.score());
                    face.setString(8, f.gender().name().toLowerCase(java.util.Locale.ROOT));
                    face.setObject(9, Double.isNaN(f.probability()) ? null : f.probability());
                    face.setObject(10, Double.isNaN(f.probabilityFace()) ? null : f.probabilityFace());
                    face.setString(11, f.cropPath().isEmpty() ? null : f.cropPath());
                    face.setString(12, f.error().isEmpty() ? null : f.error());
                    face.executeUpdate();
                }
                if (m != null) {
                    for (int i = 0; i < m.tags().size(); i++) {
                        insertMeta(meta, r.itemId(), "tag", i, m.tags().get(i));
                    }
                    for (Map.Entry<String, String> e : m.extra().entrySet()) {
                        insertMeta(meta, r.itemId(), e.getKey(), 0, e.getValue());
                    }
                }
            }
        }
    }

    private static void setCount(PreparedStatement p, int column, boolean analysed, long value) throws SQLException {
        if (analysed) {
            p.setLong(column, value);
        } else {
            p.setObject(column, null);
        }
    }

    private static void insertMeta(PreparedStatement p, String itemId, String field, int position, String value)
            throws SQLException {
        p.setString(1, itemId);
        p.setString(2, field);
        p.setInt(3, position);
        p.setString(4, value);
        p.executeUpdate();
    }

    private static void insertModels(Connection db, List<ModelInfo> models) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO models VALUES (?,?,?,?,?)")) {
            for (ModelInfo m : models) {
                p.setString(1, m.name());
                p.setString(2, m.version());
                p.setString(3, m.source());
                p.setString(4, m.sha256());
                p.setString(5, m.licence());
                p.executeUpdate();
            }
        }
    }
}
