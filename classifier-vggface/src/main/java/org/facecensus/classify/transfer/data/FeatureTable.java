package org.facecensus.classify.transfer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.facecensus.FaceCensusException;
import org.facecensus.classify.data.DataProblem;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;

/**
 * Labelled faces with their backbone features: the input of training and evaluation.
 *
 * @param faces    the faces whose image could be read and embedded, in input order
 * @param features their feature vectors (same order)
 * @param hashes   sha256 of each face's file bytes (same order)
 * @param problems faces skipped because their image could not be read
 *
 * <p>Thread-safety: immutable lists of arrays that nobody mutates.
 */
public record FeatureTable(List<LabelledFace> faces, List<float[]> features, List<String> hashes, List<DataProblem> problems) {
    static final int BATCH = 32;

    public FeatureTable {
        faces = List.copyOf(faces);
        features = List.copyOf(features);
        hashes = List.copyOf(hashes);
        problems = List.copyOf(problems);
    }

    public int size() {
        return faces.size();
    }

    /**
     * Embeds every face (features found in {@code cache} are reused; new ones are added and flushed).
     * Unreadable images become {@link DataProblem}s.
     *
     * @param progress called with the number of faces done so far, after each batch
     */
    public static FeatureTable embed(List<LabelledFace> faces, Backbone backbone, EmbeddingCache cache, IntConsumer progress) {
        EmbeddedFiles embedded = embedFiles(faces.stream().map(LabelledFace::file).toList(),
                faces.stream().map(LabelledFace::origin).toList(), backbone, cache, progress);
        List<LabelledFace> keptFaces = new ArrayList<>();
        List<float[]> keptFeatures = new ArrayList<>();
        List<String> keptHashes = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            if (embedded.features()[i] != null) {
                keptFaces.add(faces.get(i));
                keptFeatures.add(embedded.features()[i]);
                keptHashes.add(embedded.hashes()[i]);
            }
        }
        return new FeatureTable(keptFaces, keptFeatures, keptHashes, embedded.problems());
    }

    /**
     * Image files with their features, in input order.
     *
     * <p>Thread-safety: the arrays are not copied; do not change them.
     *
     * @param features each file's features, null where the file could not be read (see {@code problems})
     * @param hashes   sha256 of each file's bytes, null where it could not be read
     * @param problems the files that could not be read or decoded
     */
    public record EmbeddedFiles(float[][] features, String[] hashes, List<DataProblem> problems) {
    }

    /**
     * Embeds image files (features found in {@code cache} are reused; new ones are added and flushed per batch).
     *
     * @param origins  where each file came from, for problems ({@code labels.jsonl line 7})
     * @param progress called with the number of files done so far, after each batch
     */
    public static EmbeddedFiles embedFiles(List<Path> files, List<String> origins, Backbone backbone, EmbeddingCache cache,
                                           IntConsumer progress) {
        List<Backbone> parts = backbone.parts();
        if (!parts.isEmpty()) {
            return embedByParts(files, origins, parts, cache, progress);
        }
        ImageLoader loader = ImageLoader.defaults();
        float[][] features = new float[files.size()][];
        String[] hashes = new String[files.size()];
        List<DataProblem> problems = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        List<RgbImage> todoImages = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                problems.add(new DataProblem(origins.get(i), file.toString(), "cannot read the file: " + e.getMessage()));
                continue;
            }
            String hash = EmbeddingCache.contentHash(bytes);
            var cached = cache.get(hash);
            if (cached.isPresent()) {
                features[i] = cached.get();
                hashes[i] = hash;
                done++;
                continue;
            }
            try {
                todoImages.add(loader.load(file));
                todo.add(i);
                hashes[i] = hash;
            } catch (FaceCensusException e) {
                problems.add(new DataProblem(origins.get(i), file.toString(), "unreadable image: " + e.getMessage()));
            }
            if (todo.size() == BATCH) {
                done += runBatch(backbone, cache, todo, todoImages, features, hashes);
                progress.accept(done);
            }
        }
        if (!todo.isEmpty()) {
            done += runBatch(backbone, cache, todo, todoImages, features, hashes);
        }
        progress.accept(done);
        cache.flush();
        return new EmbeddedFiles(features, hashes, List.copyOf(problems));
    }

    /**
     * A composite backbone's features: each part embedded with its own cache (a sibling of {@code cache} under
     * the part's key), then concatenated, so a combination of backbones already used costs nothing new.
     */
    private static EmbeddedFiles embedByParts(List<Path> files, List<String> origins, List<Backbone> parts,
                                              EmbeddingCache cache, IntConsumer progress) {
        List<EmbeddedFiles> each = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            int done = p * files.size();
            each.add(embedFiles(files, origins, parts.get(p), cache.sibling(parts.get(p).featureKey()),
                    n -> progress.accept((done + n) / parts.size())));
        }
        float[][] features = new float[files.size()][];
        String[] hashes = new String[files.size()];
        for (int i = 0; i < files.size(); i++) {
            int length = 0;
            boolean all = true;
            for (EmbeddedFiles e : each) {
                all &= e.features()[i] != null;
                length += all ? e.features()[i].length : 0;
            }
            if (!all) {
                continue;
            }
            float[] joined = new float[length];
            int at = 0;
            for (EmbeddedFiles e : each) {
                System.arraycopy(e.features()[i], 0, joined, at, e.features()[i].length);
                at += e.features()[i].length;
            }
            features[i] = joined;
            hashes[i] = each.get(0).hashes()[i];
        }
        // Each file's problem is reported once, by the first part that met it.
        return new EmbeddedFiles(features, hashes, each.get(0).problems());
    }

    private static int runBatch(Backbone backbone, EmbeddingCache cache, List<Integer> todo, List<RgbImage> images,
                                float[][] features, String[] hashes) {
        List<float[]> out = backbone.features(images);
        for (int k = 0; k < todo.size(); k++) {
            int i = todo.get(k);
            features[i] = out.get(k);
            cache.put(hashes[i], out.get(k));
        }
        int n = todo.size();
        todo.clear();
        images.clear();
        // Flushing per batch keeps the work of an interrupted long run.
        cache.flush();
        return n;
    }
}
