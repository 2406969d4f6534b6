package org.facecensus.census.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.facecensus.FaceCensusException;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.census.engine.AnalyzerRecipe;
import org.facecensus.census.run.AnalysedItem;
import org.facecensus.census.run.ItemAnalyser;

/**
 * The work of one Spark task: a chunk's items through this executor's analyzer ({@link ExecutorState}, built once
 * per JVM), crops written to {@code OUT/crops/}, then the chunk's two Parquet files. A chunk already written (by an
 * earlier attempt, a speculative copy or an earlier run) is skipped, so retries never duplicate a face.
 *
 * <p>Thread-safety: immutable; Spark runs one call per task.
 */
final class ChunkTask implements Function<Chunk, ChunkResult> {
    private static final long serialVersionUID = 1L;

    private final AnalyzerRecipe recipe;
    private final WebOptions web;
    private final String out;

    ChunkTask(AnalyzerRecipe recipe, WebOptions web, Path out) {
        this.recipe = recipe;
        this.web = web;
        this.out = out.toString();
    }

    @Override
    public ChunkResult call(Chunk chunk) throws IOException {
        long start = System.nanoTime();
        Path outDir = Path.of(out);
        String executor = ManagementFactory.getRuntimeMXBean().getName();
        if (ParquetTables.finished(outDir, chunk)) {
            return new ChunkResult(chunk.index(), 0, 0, 0, true, executor, usedHeapMb());
        }
        ExecutorState state = ExecutorState.get(recipe, web);
        Path crops = Files.createDirectories(outDir.resolve("crops"));
        ItemAnalyser analyser = new ItemAnalyser(state.analyzer, state.loader, state.webImages, crops, Map.of());
        List<AnalysedItem> analysed = new ArrayList<>();
        int faces = 0;
        for (WorkItem item : chunk.items()) {
            AnalysedItem a = analyser.analyse(item.toItem());
            analysed.add(a);
            faces += a.item().faces().size();
        }
        TaskContext task = TaskContext.get();
        String attempt = task == null ? "driver" : "s" + task.stageId() + "-t" + task.taskAttemptId();
        try {
            ParquetTables.write(outDir, chunk, analysed, attempt);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write chunk " + chunk.index() + " under " + outDir.resolve("parquet")
                    + ": " + e.getMessage() + "; --out must be a folder every executor can write at the same path", e);
        }
        return new ChunkResult(chunk.index(), analysed.size(), faces, (System.nanoTime() - start) / 1e9, false,
                executor, usedHeapMb());
    }

    private static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
