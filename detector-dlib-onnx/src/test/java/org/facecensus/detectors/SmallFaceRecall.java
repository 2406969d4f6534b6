package org.facecensus.detectors;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.facecensus.detect.Detections;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;

/**
 * Compares two detectors on the first {@code n} webfaces photos that hold a face with eyes under
 * 20 px apart: hits on those small faces, hits on the others, and false positives
 * ({@link WebFacesEyes}' rule).
 */
public final class SmallFaceRecall {
    static final double SMALL_EYES = 20;

    private SmallFaceRecall() {
    }

    public record Result(int images, int smallFaces, int plainHits, int tiledHits, int largeFaces, int plainLargeHits,
                         int tiledLargeHits, int plainFp, int tiledFp) {
        @Override
        public String toString() {
            return String.format("on %d webfaces images: eyes < 20 px %d/%d default vs %d/%d tiled; eyes >= 20 px"
                            + " %d/%d vs %d/%d; false positives %d vs %d", images, plainHits, smallFaces, tiledHits,
                    smallFaces, plainLargeHits, largeFaces, tiledLargeHits, largeFaces, plainFp, tiledFp);
        }
    }

    public static Result compare(Function<RgbImage, Detections> plain, Function<RgbImage, Detections> tiled, int n)
            throws IOException {
        int images = 0;
        int small = 0;
        int large = 0;
        int[] hits = new int[4];
        int[] fp = new int[2];
        for (Map.Entry<String, List<WebFacesEyes.Face>> e : WebFacesEyes.truth().entrySet()) {
            List<WebFacesEyes.Face> faces = e.getValue();
            if (faces.stream().noneMatch(f -> f.eyeDistance() < SMALL_EYES)) {
                continue;
            }
            if (images == n) {
                break;
            }
            images++;
            RgbImage img = ImageLoader.defaults().load(SharedData.root().resolve("webfaces").resolve(e.getKey()));
            Detections a = plain.apply(img);
            Detections b = tiled.apply(img);
            for (WebFacesEyes.Face f : faces) {
                boolean isSmall = f.eyeDistance() < SMALL_EYES;
                if (isSmall) {
                    small++;
                } else {
                    large++;
                }
                int k = isSmall ? 0 : 2;
                hits[k] += WebFacesEyes.hits(List.of(f), a.faces()).size();
                hits[k + 1] += WebFacesEyes.hits(List.of(f), b.faces()).size();
            }
            fp[0] += WebFacesEyes.falsePositives(faces, a.faces());
            fp[1] += WebFacesEyes.falsePositives(faces, b.faces());
        }
        return new Result(images, small, hits[0], hits[1], large, hits[2], hits[3], fp[0], fp[1]);
    }
}
