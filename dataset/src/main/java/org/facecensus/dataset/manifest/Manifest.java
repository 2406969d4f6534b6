package org.facecensus.dataset.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.facecensus.FaceCensusException;
import org.facecensus.io.AtomicFiles;

/**
 * A dataset folder's {@code manifest.csv}: written once at the end of a build (atomically), read by {@code dataset
 * stats} and {@code dataset train}.
 *
 * <p>Thread-safety: stateless; all methods are thread-safe.
 */
public final class Manifest {
    /** The file name inside a dataset folder. */
    public static final String FILE = "manifest.csv";
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(ManifestRow.class).withHeader();

    private Manifest() {
    }

    /** Writes {@code rows} to {@code file}, replacing it. */
    public static void write(Path file, List<ManifestRow> rows) {
        try {
            AtomicFiles.write(file, out -> CSV.writer(SCHEMA).writeValues(out).writeAll(rows).close());
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write " + file + ": " + e.getMessage() + "; check free disk space.", e);
        }
    }

    /** Every row of the manifest in {@code datasetDir}. */
    public static List<ManifestRow> read(Path datasetDir) {
        Path file = datasetDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("No " + FILE + " in " + datasetDir.toAbsolutePath()
                    + "; give the --out folder of a finished 'facecensus dataset build'.");
        }
        try (MappingIterator<ManifestRow> it = CSV.readerFor(ManifestRow.class).with(SCHEMA).readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + file + ": " + e.getMessage()
                    + "; it is written by 'facecensus dataset build' (run it again to rewrite it).", e);
        }
    }

    /** The kept rows only. */
    public static List<ManifestRow> kept(Path datasetDir) {
        return read(datasetDir).stream().filter(ManifestRow::kept).toList();
    }
}
