package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.census.Census;

/**
 * A small real census for the tests: 5 People-Art images (4 poster illustrations, a photo) and 2
 * dlib group photos, copied from the shared data into a temporary collection, analysed once per JVM with the default pipeline;
 * each test gets its own copy of the census folder to write labels into.
 */
final class TestCensus {
    private static final List<String> IMAGES = List.of(
            "PosterArtRealism/robert-g-harris_girl-with-an-orchid.jpg",
            "PosterArtRealism/robert-g-harris_mccall-s-cover-1945.jpg",
            "PosterArtRealism/robert-g-harris_summer-bachelor-1950.jpg",
            "PosterArtRealism/robert-g-harris_the-cold-war-blonde-1959.jpg",
            "photo/000102.jpg");
    /** dlib's test photos of groups: many faces, so that a grid and the active stream have something to show. */
    private static final List<String> GROUP_PHOTOS = List.of("2008_002470.jpg", "2008_001322.jpg");
    private static Path built;

    private TestCensus() {
    }

    static Path shared() {
        String shared = System.getProperty("facecensus.shared");
        Path root = shared == null || shared.contains("${") ? Path.of("..", "..", "shared") : Path.of(shared);
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isDirectory(root.resolve("data")), "shared data folder not found: " + root.toAbsolutePath());
        }
        return root.resolve("data");
    }

    /** The census folder, built on first use. */
    static synchronized Path census() {
        if (built == null) {
            try {
                Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "label-census");
                Path collection = Files.createDirectories(root.resolve("collection"));
                for (String image : IMAGES) {
                    Path source = shared().resolve("peopleart/JPEGImages").resolve(image);
                    Path target = collection.resolve(image);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target);
                }
                for (String photo : GROUP_PHOTOS) {
                    Files.createDirectories(collection.resolve("groups"));
                    Files.copy(shared().resolve("dlib-faces").resolve(photo), collection.resolve("groups").resolve(photo));
                }
                Path out = root.resolve("census");
                Census.of(collection).out(out).threads(2).run();
                assertTrue(Files.isRegularFile(out.resolve("faces.csv")));
                built = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    /**
     * A census folder written without a detector, in {@code dir}: {@code items} items of {@code facesPerItem}
     * faces each ({@code item00000#0}, ...), all with the same tiny black crop, probabilities spread over [0.5, 1).
     */
    static Path synthetic(Path dir, int items, int facesPerItem) throws IOException {
        Path census = Files.createDirectories(dir.resolve("census"));
        Path crops = Files.createDirectories(census.resolve("crops"));
        Path collection = Files.createDirectories(dir.resolve("collection"));
        Path tiny = dir.resolve("tiny.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", tiny.toFile());
        StringBuilder faces = new StringBuilder("item_id,face_index,x,y,width,height,score,gender,probability,crop,error,models\n");
        StringBuilder itemsCsv = new StringBuilder("item_id,file,faces,tags,year_from,year_to\n");
        for (int i = 0; i < items; i++) {
            String id = String.format(Locale.ROOT, "item%05d", i);
            itemsCsv.append(id).append(',').append(id).append(".jpg,").append(facesPerItem).append(",poster,1950,1959\n");
            for (int j = 0; j < facesPerItem; j++) {
                Files.copy(tiny, crops.resolve(id + "_" + j + ".jpg"));
                double p = 0.5 + ((i * 7 + j * 13) % 50) / 100.0;
                faces.append(String.format(Locale.ROOT, "%s,%d,1,2,30,30,0.9,%s,%.4f,crops/%s_%d.jpg,,m%n",
                        id, j, j % 2 == 0 ? "female" : "male", p, id, j));
            }
        }
        Files.writeString(census.resolve("faces.csv"), faces);
        Files.writeString(census.resolve("items.csv"), itemsCsv);
        Files.writeString(census.resolve("run.json"), new ObjectMapper().createObjectNode()
                .put("collection", collection.toString()).toString());
        return census;
    }

    /**
     * Gives faces of the census folder {@code census} the p_face a face verifier would have written
     * ({@code analyze --verifier}), adding the column after {@code probability} to a census written
     * without it; the other faces keep theirs (empty: no verifier judged them).
     */
    static void setPFace(Path census, Map<FaceKey, Double> pFace) throws IOException {
        Path csv = census.resolve("faces.csv");
        CsvMapper mapper = new CsvMapper();
        List<String> columns = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
            ((CsvSchema) it.getParser().getSchema()).forEach(c -> columns.add(c.getName()));
        }
        if (!columns.contains("p_face")) {
            columns.add(columns.indexOf("probability") + 1, "p_face");
        }
        Set<FaceKey> found = new HashSet<>();
        for (Map<String, String> row : rows) {
            FaceKey key = new FaceKey(row.get("item_id"), Integer.parseInt(row.get("face_index")));
            Double p = pFace.get(key);
            if (p != null) {
                row.put("p_face", String.format(Locale.ROOT, "%.4f", p));
                found.add(key);
            }
        }
        assertEquals(pFace.keySet(), found, "every face given a p_face is in " + csv);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        mapper.writer(schema.build()).writeValues(csv.toFile()).writeAll(rows).close();
    }

    /** A copy of the census folder in {@code dir} (labels written there stay with the test). */
    static Path copy(Path dir) {
        Path source = census();
        Path target = dir.resolve("census");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path t = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals(LabelStore.FILE_NAME)) {
                    Files.copy(f, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
