package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's People-Art catalogue: the year from the file names (239 of the 476 end in one), the artist
 * before the first '_', the style as tag.
 */
class PeopleArtCatalogueTest {
    @Test
    void yearArtistAndStyleFromTheFiles(@TempDir Path dir) throws Exception {
        assertEquals("1952", PeopleArtCatalogue.year("PosterArtRealism/robert-g-harris_a-kiss-1952.jpg"));
        assertEquals("1950", PeopleArtCatalogue.year("x/robert-g-harris_cosmopolitan-february-1950-1950.jpg"));
        assertEquals("", PeopleArtCatalogue.year("photo/000102.jpg"));
        assertEquals("", PeopleArtCatalogue.year("x/a_b-12345.jpg"));
        assertEquals("robert-g-harris", PeopleArtCatalogue.artist("PosterArtRealism/robert-g-harris_a-kiss-1952.jpg"));
        assertEquals("", PeopleArtCatalogue.artist("photo/000102.jpg"));

        Path peopleart = Path.of(System.getProperty("facecensus.shared", "../../shared")).resolve("data/peopleart");
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isDirectory(peopleart), "no shared People-Art folder at " + peopleart.toAbsolutePath());
        }
        Path catalogue = dir.resolve("catalogue.csv");
        PeopleArtCatalogue.write(peopleart, catalogue);
        List<Map<String, String>> rows;
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(catalogue.toFile())) {
            rows = it.readAll();
        }
        assertEquals(476, rows.size());
        assertEquals(239, rows.stream().filter(r -> !r.get("date").isEmpty()).count());
        assertEquals(List.of("Constructivism", "Muralism", "PosterArtRealism", "photo"),
                rows.stream().map(r -> r.get("tags")).distinct().sorted().toList());
    }
}
