package org.facecensus.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writesAndReplacesTheWholeContent(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.csv");
        AtomicFiles.writeString(target, "first\n");
        assertEquals("first\n", Files.readString(target));
        AtomicFiles.writeString(target, "second, é\n");
        assertEquals("second, é\n", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void streamWriterAndBytesGiveTheSameFile(@TempDir Path dir) throws IOException {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        AtomicFiles.write(dir.resolve("a.bin"), out -> out.write(bytes));
        AtomicFiles.writeBytes(dir.resolve("b.bin"), bytes);
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("a.bin")));
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve("b.bin")));
    }

    @Test
    void createsMissingParentFolders(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/c.json");
        AtomicFiles.writeString(target, "{}");
        assertEquals("{}", Files.readString(target));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("faces.csv");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void aFileWriterThatFailsLeavesNothingBehindEither(@TempDir Path dir) {
        Path target = dir.resolve("census.sqlite");
        assertThrows(IOException.class, () -> AtomicFiles.writeFile(target, tmp -> {
            Files.writeString(tmp, "partial");
            throw new IOException("driver failed");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), list(dir));
    }

    @Test
    void aRuntimeFailureAlsoRemovesTheTemporaryFile(@TempDir Path dir) {
        Path target = dir.resolve("x.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of(), list(dir));
    }

    @Test
    void filesGetTheDefaultPermissionsNotOwnerOnly(@TempDir Path dir) throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeString(written, "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertEquals(expected, Files.getPosixFilePermissions(written));
        }
    }

    @Test
    void removeLeftoversDeletesOnlyTemporaryFiles(@TempDir Path dir) throws IOException {
        Path kept = Files.writeString(dir.resolve("items.csv"), "x");
        Path hidden = Files.writeString(dir.resolve(".hidden"), "x");
        Files.writeString(dir.resolve(".items.csv-abc123.tmp"), "x");
        assertTrue(AtomicFiles.isTemp(dir.resolve(".items.csv-abc123.tmp")));
        AtomicFiles.removeLeftovers(dir);
        AtomicFiles.removeLeftovers(dir.resolve("missing"));
        assertEquals(List.of(hidden, kept), list(dir));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
