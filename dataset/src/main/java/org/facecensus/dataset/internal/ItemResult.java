package org.facecensus.dataset.internal;

import java.util.List;

import org.facecensus.dataset.manifest.ManifestRow;

/**
 * One source item after detection, alignment, classification and the per-face checks, as the build journal keeps
 * it: its rows (faces still in the running are {@link ManifestRow#CANDIDATE}s, with their crop written) and each
 * candidate's embedding for the near-duplicate check (null when there is no embedder).
 *
 * <p>Thread-safety: immutable by convention (the embeddings are not copied).
 *
 * @param origin     the item's provenance, its key in the journal
 * @param rows       the manifest rows of the item, face by face (one row when the file failed or had no face)
 * @param embeddings one per row: the candidate's L2-normalised embedding, or null
 */
public record ItemResult(String origin, List<ManifestRow> rows, List<float[]> embeddings) {
    public ItemResult {
        rows = List.copyOf(rows);
        embeddings = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(embeddings));
        if (rows.size() != embeddings.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + embeddings.size() + " embeddings");
        }
    }
}
