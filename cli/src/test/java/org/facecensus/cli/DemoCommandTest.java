package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job on the six real group photos: 22 visible people, counted by hand into the
 * demo catalogue's {@code people_visible} column.
 */
class DemoCommandTest {

    @Test
    void analysesTheSamplePhotosWithTheirCatalogueAndFindsEveryVisibleFace(@TempDir Path out) throws Exception {
        DetectCommandTest.Result r = DetectCommandTest.run("demo", "--out", out.toString(), "--no-peopleart");
        assertEquals(0, r.exit(), r.err());
        Path census = out.resolve("face-api-samples");
        int faces = 0;
        try (MappingIterator<Map<String, String>> items = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(census.resolve("items.csv").toFile())) {
            while (items.hasNext()) {
                Map<String, String> item = items.next();
                assertEquals(item.get("people_visible"), item.get("faces"), item.toString());
                assertTrue(!item.get("title").isEmpty(), "joined to the catalogue: " + item);
                faces += Integer.parseInt(item.get("faces"));
            }
        }
        assertEquals(22, faces);
        try (var crops = Files.list(census.resolve("crops"))) {
            for (Path crop : crops.toList()) {
                BufferedImage image = ImageIO.read(crop.toFile());
                assertEquals(224, image.getWidth());
                faces--;
            }
        }
        assertEquals(0, faces, "one aligned crop per face");
        assertTrue(r.out().contains(census.toAbsolutePath().toString()), r.out());
    }
}
