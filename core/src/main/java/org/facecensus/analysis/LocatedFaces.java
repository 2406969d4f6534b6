package org.facecensus.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.align.FaceAligner;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.detect.LandmarkDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.model.ModelMissingException;

/**
 * One image after detection, landmarks and alignment, before classification: the stages that run face by
 * face, kept apart from {@link FaceAnalyzer} so that classification can batch over several images.
 *
 * <p>Thread-safety: not thread-safe; made and read by one call of {@link FaceAnalyzer#analyze}.
 */
final class LocatedFaces {
    final RgbImage image;
    final Detections detections;
    final List<DetectedFace> faces = new ArrayList<>();
    final List<DetectedFace> located = new ArrayList<>();
    final List<Optional<AlignedFace>> aligned = new ArrayList<>();
    final List<List<String>> problems = new ArrayList<>();
    /** The verifier's probability that each face is a face; empty until a verifier judged it. */
    final List<OptionalDouble> probabilityFace = new ArrayList<>();
    double landmarkMillis;
    double alignMillis;

    /** Keeps only the faces at {@code keep}'s true positions (after a verifier), in order. */
    void retain(boolean[] keep) {
        int w = 0;
        for (int r = 0; r < faces.size(); r++) {
            if (keep[r]) {
                faces.set(w, faces.get(r));
                located.set(w, located.get(r));
                aligned.set(w, aligned.get(r));
                problems.set(w, problems.get(r));
                probabilityFace.set(w, probabilityFace.get(r));
                w++;
            }
        }
        for (List<?> list : List.of(faces, located, aligned, problems, probabilityFace)) {
            list.subList(w, list.size()).clear();
        }
    }

    private LocatedFaces(RgbImage image, Detections detections) {
        this.image = image;
        this.detections = detections;
    }

    /**
     * Detects, then locates landmarks and aligns each face ({@code landmarks} and {@code aligner} may be null:
     * the stage is skipped).
     */
    static LocatedFaces of(RgbImage image, FaceDetector detector, LandmarkDetector landmarks, FaceAligner aligner) {
        return of(image, detector.detect(image), landmarks, aligner);
    }

    /** Locates landmarks and aligns faces found earlier (by this detector or another run). */
    static LocatedFaces of(RgbImage image, Detections detections, LandmarkDetector landmarks, FaceAligner aligner) {
        LocatedFaces p = new LocatedFaces(image, detections);
        long landmarkNanos = 0;
        long alignNanos = 0;
        for (DetectedFace found : p.detections.faces()) {
            List<String> problems = new ArrayList<>();
            DetectedFace face = found;
            if (landmarks != null) {
                long t = System.nanoTime();
                face = stage(problems, "landmarks failed",
                        () -> new DetectedFace(found.box(), landmarks.locate(image, found.box()))).orElse(found);
                landmarkNanos += System.nanoTime() - t;
            }
            Optional<AlignedFace> crop = Optional.empty();
            if (aligner != null) {
                long t = System.nanoTime();
                DetectedFace toAlign = face;
                crop = stage(problems, "alignment failed", () -> aligner.align(image, toAlign));
                alignNanos += System.nanoTime() - t;
            }
            p.faces.add(found);
            p.located.add(face);
            p.aligned.add(crop);
            p.problems.add(problems);
            p.probabilityFace.add(OptionalDouble.empty());
        }
        p.landmarkMillis = landmarkNanos / 1e6;
        p.alignMillis = alignNanos / 1e6;
        return p;
    }

    /** Runs one per-face stage; its failure becomes a problem of the face, except a model's, which stops all. */
    private static <T> Optional<T> stage(List<String> problems, String what, Supplier<T> work) {
        try {
            return Optional.of(work.get());
        } catch (ModelMissingException | ModelIntegrityException e) {
            throw e;
        } catch (FaceCensusException e) {
            problems.add(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
