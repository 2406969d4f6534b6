package org.facecensus.generative;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.dataset.manifest.Manifest;
import org.facecensus.dataset.manifest.ManifestRow;
import org.facecensus.detect.FaceDetector;
import org.facecensus.generative.internal.Pictures;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.ImageOps;
import org.facecensus.image.PngWriter;
import org.facecensus.image.RgbImage;
import org.facecensus.classify.EmbeddingVectors;

/**
 * Numbers instead of eyeballing for generated faces: the share of samples in which a face detector finds a face
 * (beside the same share for real faces of the dataset, the ceiling), and, as a memorisation check, each sample's
 * nearest dataset face in embedding space (cosine) beside each real held-back face's nearest other dataset face: a
 * model that copies its training faces has samples much closer to them than real faces are to each other.
 * {@code nearest.png} shows the 8 closest samples over their nearest dataset faces.
 *
 * <p>Thread-safety: stateless apart from the providers it opens and closes in {@link #run}.
 */
public final class SampleChecks {
    /**
     * The figures.
     *
     * <p>Thread-safety: immutable.
     *
     * @param samples             samples checked
     * @param sampleFaceRate      share of samples with at least one detected face
     * @param realFaceRate        the same share for {@code realChecked} dataset faces
     * @param realChecked         dataset faces run through the detector
     * @param sampleNearestMedian median over samples of the cosine to the nearest dataset face
     * @param sampleNearestMax    the largest such cosine
     * @param realNearestMedian   median over held-back real faces of the cosine to the nearest other dataset face
     * @param reference           dataset faces embedded as the reference set
     * @param detector            the detector's name
     * @param embedder            the embedder's name
     */
    public record Result(int samples, double sampleFaceRate, double realFaceRate, int realChecked, double sampleNearestMedian,
                         double sampleNearestMax, double realNearestMedian, int reference, String detector, String embedder) {
    }

    private SampleChecks() {
    }

    /**
     * @param samplesDir folder of sample PNGs (a VAE's {@code samples/})
     * @param dataset    the dataset trained on
     * @param reference  dataset faces to compare against (a seeded random choice), e.g. 2000
     */
    public static Result run(Path samplesDir, Path dataset, int reference, String detectorName, String embedderName,
                             long seed, Path sheet) {
        ImageLoader loader = ImageLoader.defaults();
        List<Path> files;
        try (Stream<Path> s = Files.list(samplesDir)) {
            files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new FaceCensusException("Cannot list the samples in " + samplesDir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new FaceCensusException("No sample PNGs in " + samplesDir + "; train a VAE first.");
        }
        // Opened first, so that an embedder which cannot compare faces is refused before the pictures load.
        try (FaceDetector detector = FaceCensus.defaults().createDetector(detectorName);
             FaceEmbedder embedder = FaceCensus.defaults().createComparingEmbedder(embedderName, "--check-embedder")) {
            List<RgbImage> samples = files.stream().map(loader::load).toList();
            List<ManifestRow> rows = new ArrayList<>(Manifest.kept(dataset));
            Collections.shuffle(rows, new Random(seed));
            // The last 200 (at most a fifth) are held back as "real samples"; the rest is the reference set.
            int held = Math.min(200, rows.size() / 5);
            List<RgbImage> real = rows.subList(0, held).stream().map(r -> loader.load(dataset.resolve(r.crop()))).toList();
            List<RgbImage> ref = rows.subList(held, Math.min(rows.size(), held + reference)).stream()
                    .map(r -> loader.load(dataset.resolve(r.crop()))).toList();
            double sampleRate = faceRate(detector, samples);
            double realRate = faceRate(detector, real);
            List<float[]> refVectors = embed(embedder, ref);
            List<float[]> sampleVectors = embed(embedder, samples);
            List<float[]> realVectors = embed(embedder, real);
            double[] sampleBest = new double[samples.size()];
            int[] sampleArg = new int[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                sampleBest[i] = -2;
                for (int j = 0; j < refVectors.size(); j++) {
                    double c = EmbeddingVectors.dot(sampleVectors.get(i), refVectors.get(j));
                    if (c > sampleBest[i]) {
                        sampleBest[i] = c;
                        sampleArg[i] = j;
                    }
                }
            }
            double[] realBest = new double[real.size()];
            for (int i = 0; i < real.size(); i++) {
                realBest[i] = -2;
                for (float[] r : refVectors) {
                    realBest[i] = Math.max(realBest[i], EmbeddingVectors.dot(realVectors.get(i), r));
                }
            }
            Integer[] order = new Integer[samples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -sampleBest[i]));
            List<BufferedImage> top = new ArrayList<>();
            List<BufferedImage> nearest = new ArrayList<>();
            for (int k = 0; k < Math.min(8, order.length); k++) {
                top.add(samples.get(order[k]).toBufferedImage());
                RgbImage n = ref.get(sampleArg[order[k]]);
                nearest.add(ImageOps.resize(n, samples.get(0).width(), samples.get(0).height()).toBufferedImage());
            }
            top.addAll(nearest);
            try {
                PngWriter.write(sheet, Pictures.grid(top, top.size() / 2, 2));
            } catch (IOException e) {
                throw new FaceCensusException("Cannot write " + sheet + ": " + e.getMessage(), e);
            }
            return new Result(samples.size(), sampleRate, realRate, real.size(), median(sampleBest),
                    Arrays.stream(sampleBest).max().orElse(Double.NaN), median(realBest), ref.size(), detectorName,
                    embedderName);
        }
    }

    /** Detection on the face enlarged 4× (the detectors want more than 64 pixels). */
    private static double faceRate(FaceDetector detector, List<RgbImage> faces) {
        int found = 0;
        for (RgbImage f : faces) {
            if (!detector.detect(ImageOps.resize(f, f.width() * 4, f.height() * 4)).faces().isEmpty()) {
                found++;
            }
        }
        return faces.isEmpty() ? Double.NaN : found / (double) faces.size();
    }

    private static List<float[]> embed(FaceEmbedder embedder, List<RgbImage> faces) {
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < faces.size(); from += 32) {
            List<AlignedFace> part = faces.subList(from, Math.min(faces.size(), from + 32)).stream()
                    .map(AlignedFace::ofCrop).toList();
            for (float[] v : embedder.embedAll(part)) {
                out.add(EmbeddingVectors.unit(v));
            }
        }
        return out;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    /** One line for the command's output. */
    public static String describe(Result r) {
        return String.format(Locale.ROOT, "%s finds a face in %.1f%% of %d samples (%.1f%% of %d real dataset faces); "
                        + "nearest dataset face by %s cosine: samples median %.3f, max %.3f; held-back real faces median %.3f "
                        + "(reference %d faces)", r.detector(), 100 * r.sampleFaceRate(), r.samples(), 100 * r.realFaceRate(),
                r.realChecked(), r.embedder(), r.sampleNearestMedian(), r.sampleNearestMax(), r.realNearestMedian(),
                r.reference());
    }
}
