package org.facecensus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** analyze's collection arguments (folder, iiif:, --urls) and --engine, refused before any model loads. */
class AnalyzeSourcesTest {
    @TempDir
    Path dir;

    @Test
    void sparkWithoutTheSparkModuleSaysHowToGetIt() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        DetectCommandTest.Result r = DetectCommandTest.run("analyze", photos.toString(), "--out",
                dir.resolve("out").toString(), "--engine", "spark", "--master", "local[2]");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("census-spark") && r.err().contains("./facecensus analyze --engine spark"), r.err());
    }

    @Test
    void oneKindOfCollectionAtATime() throws Exception {
        Path list = Files.writeString(dir.resolve("urls.csv"), "url\nhttp://127.0.0.1:9/a.jpg\n");
        DetectCommandTest.Result both = DetectCommandTest.run("analyze", dir.toString(), "--urls", list.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("give the collection once"), both.err());

        DetectCommandTest.Result mixed = DetectCommandTest.run("analyze", "iiif:" + dir.resolve("m.json"),
                dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, mixed.exit(), mixed.err());
        assertTrue(mixed.err().contains("is not an IIIF source"), mixed.err());

        DetectCommandTest.Result size = DetectCommandTest.run("analyze", "--urls", list.toString(), "--image-size",
                "huge", "--out", dir.resolve("out").toString());
        assertEquals(2, size.exit(), size.err());
        assertTrue(size.err().contains("--image-size takes a number of pixels"), size.err());

        DetectCommandTest.Result none = DetectCommandTest.run("analyze", "--out", dir.resolve("out").toString());
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("no collection"), none.err());
    }
}
