package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.facecensus.image.RgbImage;
import org.facecensus.image.ImageLoader;
import org.junit.jupiter.api.Test;

/**
 * The People-Art labels made by looking at each face through the tool (see label/DOGFOOD.md): they
 * reference the shared images by file and box, never copies, and this keeps them honest: every file
 * exists, every box lies on its image, every label is one the tool writes, each face once.
 */
class DogfoodLabelsTest {
    static final String RESOURCE = "peopleart-dogfood-labels.csv";

    record Row(String itemId, int faceIndex, String file, double x, double y, double width, double height,
               Label label, boolean audit) {
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = DogfoodLabelsTest.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals("item_id,face_index,file,x,y,width,height,label,audit", r.readLine());
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6]), Label.parse(f[7]).orElseThrow(), f[8].equals("yes")));
            }
        }
        return rows;
    }

    @Test
    void everyLabelPointsAtAFaceBoxOnASharedImage() throws IOException {
        List<Row> rows = rows();
        assertEquals(302, rows.size(), "every face ssd-mobilenet --min-face 12 found on People-Art");
        Path images = TestCensus.shared().resolve("peopleart/JPEGImages");
        Set<String> faces = new HashSet<>();
        Map<Label, Integer> counts = new EnumMap<>(Label.class);
        for (Row row : rows) {
            assertTrue(faces.add(row.itemId() + "#" + row.faceIndex()), "one label per face: " + row);
            Path file = images.resolve(row.file());
            assertTrue(Files.isRegularFile(file), "shared image " + file);
            RgbImage image = ImageLoader.defaults().load(file);
            assertTrue(row.x() + row.width() > 0 && row.x() < image.width() && row.y() + row.height() > 0
                    && row.y() < image.height(), "box on its image: " + row);
            counts.merge(row.label(), 1, Integer::sum);
        }
        assertEquals(Map.of(Label.FEMALE, 56, Label.MALE, 61, Label.UNKNOWN, 35, Label.NOT_A_FACE, 150), counts);
        assertEquals(87, rows.stream().filter(Row::audit).count(), "faces labelled from the audit stream");
    }
}
