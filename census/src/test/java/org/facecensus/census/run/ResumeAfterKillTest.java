package org.facecensus.census.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 (destroyForcibly) at seeded random points of a census run in a child JVM, three times;
 * the run started again each time must finish with outputs byte-identical to an uninterrupted run's.
 */
class ResumeAfterKillTest {
    /** Files that may differ: run.json holds times, the journal the order in which threads finished. */
    private static final Set<String> RUN_SPECIFIC = Set.of("run.json", "journal.jsonl");

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesAndResumedItWritesWhatAnUninterruptedRunWrites() throws Exception {
        Path collection = TestCollection.photos(dir.resolve("photos"), 7, 3);
        TestCollection.addBadItems(collection);
        Path catalogue = TestCollection.catalogue(dir.resolve("catalogue.csv"));
        int images = 13;

        Path reference = dir.resolve("uninterrupted");
        assertEquals(0, child(collection, catalogue, reference).waitFor());

        Path resumed = dir.resolve("resumed");
        Random random = new Random(20261123L);
        List<String> kills = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            int before = journalItems(resumed);
            // Kill once a random number of further items is in the journal, plus a random delay, so that
            // kills land between and inside items (crop written, journal not yet) and during start-up.
            int target = before + random.nextInt(Math.max(1, images - before));
            long extraMillis = random.nextInt(400);
            Process p = child(collection, catalogue, resumed);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && journalItems(resumed) < target && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(extraMillis);
            boolean wasAlive = p.isAlive();
            p.destroyForcibly().waitFor();
            kills.add("kill " + kill + ": journal had " + before + " items, target " + target + ", killed "
                    + (wasAlive ? "at " + journalItems(resumed) : "after it finished"));
        }
        System.out.println("ResumeAfterKillTest: " + kills);
        Process last = child(collection, catalogue, resumed);
        String log = last.waitFor() == 0 ? "" : read(dir.resolve("child.log"));
        assertEquals(0, last.exitValue(), () -> "resumed run failed: " + log);
        assertTrue(kills.stream().anyMatch(k -> k.contains("killed at")), kills.toString());

        TreeMap<String, byte[]> expected = tree(reference);
        TreeMap<String, byte[]> actual = tree(resumed);
        assertEquals(expected.keySet(), actual.keySet(), kills.toString());
        assertTrue(expected.containsKey("census.sqlite") && expected.containsKey("summary.json")
                && expected.keySet().stream().anyMatch(k -> k.startsWith("crops/")), expected.keySet().toString());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file + " differs; " + kills);
        }
        assertEquals(images, Files.readAllLines(resumed.resolve("journal.jsonl")).size() - 1,
                "every image journaled exactly once");
    }

    private Process child(Path collection, Path catalogue, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CensusRunChild.class.getName(), collection.toString(), catalogue.toString(), out.toString(), "blazeface")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static int journalItems(Path out) throws IOException {
        Path journal = out.resolve("journal.jsonl");
        if (!Files.exists(journal)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(journal);
        int lines = 0;
        for (byte b : bytes) {
            lines += b == '\n' ? 1 : 0;
        }
        return Math.max(0, lines - 1);
    }

    private static TreeMap<String, byte[]> tree(Path root) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (!RUN_SPECIFIC.contains(name)) {
                    files.put(name, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }
}
