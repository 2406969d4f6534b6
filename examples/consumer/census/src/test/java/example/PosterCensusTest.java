package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's census on two photos and a two-row catalogue. */
class PosterCensusTest {
    @Test
    void theSnippetWritesTheTablesAndTheReport(@TempDir Path dir) throws Exception {
        Path shared = Path.of(System.getProperty("facecensus.shared", "../../../../shared"), "data", "dlib-faces");
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(shared.resolve("2008_001322.jpg"), photos.resolve("2008_001322.jpg"));
        Files.copy(shared.resolve("dogs.jpg"), photos.resolve("dogs.jpg"));
        Path catalogue = Files.writeString(dir.resolve("catalogue.csv"),
                "file,title,date\n2008_001322.jpg,Three people,2008\ndogs.jpg,Dogs,1950s\n");
        Path out = dir.resolve("out");

        PosterCensus.main(new String[] {photos.toString(), catalogue.toString(), out.toString()});

        List<String> items = Files.readAllLines(out.resolve("items.csv"));
        assertEquals(3, items.size(), "a header and two items: " + items);
        assertEquals(4, Files.readAllLines(out.resolve("faces.csv")).size(), "a header and three faces");
        assertTrue(Files.readString(out.resolve("report.html")).contains("Three people")
                || Files.size(out.resolve("report.html")) > 1000);
        assertTrue(Files.isRegularFile(out.resolve("census.sqlite")));
        assertTrue(Files.isRegularFile(out.resolve("stats.json")));
    }
}
