package org.facecensus.detectors.fused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.facecensus.FaceCensusException;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.Detections;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.timing.StageTimings;

/**
 * Runs several face detectors on each image and merges their faces by {@link WeightedBoxFusion weighted box
 * fusion}: a face's score is the mean, over the detectors, of the score each gave it (0 where one missed it),
 * so faces the detectors agree on rank first, and a face only one of them saw survives only when that one
 * was very sure ({@code minScore} on the fused score). Keypoints come from the member that scored the face
 * highest among those that give keypoints.
 *
 * <p>Thread-safety: thread-safe when its members are (all FaceCensus detectors are). {@link #close()} closes
 * the members it owns and is idempotent.
 */
public final class FusedDetector implements FaceDetector {
    /** The provider name. */
    public static final String NAME = "fused";
    /** Boxes of one face by two detectors overlap less than two anchors of one detector do. */
    public static final double DEFAULT_IOU = 0.4;

    private final String name;
    private final List<FaceDetector> members;
    private final boolean owned;
    private final double iou;
    private final double minScore;
    private volatile boolean closed;

    /**
     * @param members  the detectors, at least two
     * @param owned    whether {@link #close()} closes them
     * @param iou      boxes overlapping at least this much are one face
     * @param minScore fused faces scoring below this are dropped
     */
    public FusedDetector(String name, List<FaceDetector> members, boolean owned, double iou, double minScore) {
        this.name = Objects.requireNonNull(name, "name");
        this.members = List.copyOf(members);
        if (this.members.size() < 2) {
            throw new FaceCensusException("A fused detector needs at least two detectors, got " + this.members.size());
        }
        if (!(iou > 0 && iou < 1) || !(minScore >= 0 && minScore <= 1)) {
            throw new FaceCensusException("A fused detector needs 0 < iou < 1 and 0 <= minScore <= 1, got " + iou
                    + " and " + minScore);
        }
        this.owned = owned;
        this.iou = iou;
        this.minScore = minScore;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Detections detect(RgbImage image) {
        if (closed) {
            throw new FaceCensusException("This fused detector is closed; create a new one.");
        }
        List<List<DetectedFace>> found = new ArrayList<>();
        Map<String, Double> timings = new LinkedHashMap<>();
        for (FaceDetector d : members) {
            Detections ds = d.detect(image);
            found.add(ds.faces());
            ds.timings().asMap().forEach((stage, ms) -> timings.merge(d.name() + "/" + stage, ms, Double::sum));
        }
        long t = System.nanoTime();
        List<DetectedFace> faces = new ArrayList<>();
        for (WeightedBoxFusion.Fused f : WeightedBoxFusion.fuse(found, iou)) {
            if (f.box().score() >= minScore) {
                faces.add(new DetectedFace(f.box(), f.best().landmarks()));
            }
        }
        timings.put("fusion", (System.nanoTime() - t) / 1e6);
        return new Detections(faces, StageTimings.of(timings));
    }

    @Override
    public List<ModelInfo> models() {
        List<ModelInfo> all = new ArrayList<>();
        members.forEach(m -> m.models().stream().filter(i -> !all.contains(i)).forEach(all::add));
        return List.copyOf(all);
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("members", members.stream().map(FaceDetector::name).toList());
        p.put("iou", iou);
        p.put("minScore", minScore);
        p.put("score", "mean over the members of the score each gave the face (0 where one missed it)");
        for (FaceDetector m : members) {
            p.put(m.name(), m.parameters());
        }
        return p;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned) {
            FaceCensusException failure = null;
            for (FaceDetector m : members) {
                try {
                    m.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = new FaceCensusException("closing the fused detector failed: " + e.getMessage(), e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
