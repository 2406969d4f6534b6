package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Runs the README snippet on a labelled photo of three people. */
class OneImageTest {
    static Path shared(String... parts) {
        return Path.of(System.getProperty("facecensus.shared", "../../../../shared"), parts);
    }

    @Test
    void theSnippetFindsClassifiesAndAgesTheThreeFaces() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            OneImage.main(new String[] {shared("data", "dlib-faces", "2008_001322.jpg").toString()});
        } finally {
            System.setOut(saved);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), "the photo's three labelled faces: " + lines);
        for (String line : lines) {
            assertTrue(line.matches(".* (MALE|FEMALE) OptionalDouble\\[[0-9.]+\\]"), line);
        }
    }
}
