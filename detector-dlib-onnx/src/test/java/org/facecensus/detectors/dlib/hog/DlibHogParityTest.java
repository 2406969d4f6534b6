package org.facecensus.detectors.dlib.hog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detectors.SharedData;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * Parity with the dlib peer ({@code ../shared/peers/dlib_hog}, which makes face_recognition's calls)
 * on the 12 dlib example photos and 20 Caltech web faces, at upsample 0, upsample 1, and upsample 0
 * after a ×2.5 bilinear pre-scale (the poster study's setting). The references in
 * {@code src/test/resources/dlib-hog/} were made by running the peer on lossless PNG copies of the
 * pixels FaceCensus decodes from each JPEG (see the provenance line of each file), so both sides
 * see the same pixels. Needs the model: {@code facecensus models fetch dlib-frontal-face-detector}.
 */
class DlibHogParityTest {
    private static final ImageLoader LOADER = ImageLoader.defaults();
    private static final Pattern RECORD = Pattern.compile(
            "\"file\": \"([^\"]+)\".*?\"faces\": \\[(.*)\\]\\}$");
    private static final Pattern FACE = Pattern.compile(
            "\"box\": \\[([-0-9.e]+), ([-0-9.e]+), ([-0-9.e]+), ([-0-9.e]+)\\], \"score\": ([-0-9.e]+)");

    record Expected(String file, List<FaceBox> faces) {
    }

    static List<Expected> references(String name) throws IOException {
        List<Expected> out = new ArrayList<>();
        try (InputStream in = DlibHogParityTest.class.getResourceAsStream("/dlib-hog/" + name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = RECORD.matcher(line);
                if (!m.find()) {
                    continue; // the provenance line
                }
                List<FaceBox> faces = new ArrayList<>();
                Matcher f = FACE.matcher(m.group(2));
                while (f.find()) {
                    faces.add(new FaceBox(Double.parseDouble(f.group(1)), Double.parseDouble(f.group(2)),
                            Double.parseDouble(f.group(3)), Double.parseDouble(f.group(4)),
                            Double.parseDouble(f.group(5))));
                }
                out.add(new Expected(m.group(1), faces));
            }
        }
        return out;
    }

    static RgbImage image(String relative) {
        return LOADER.load(SharedData.root().resolve(relative));
    }

    /** Compares every image; returns a summary line and fails on any mismatch. */
    static String compare(String name, DlibHogDetector detector) throws IOException {
        List<Expected> refs = references(name);
        int faces = 0;
        int matched = 0;
        double sumIou = 0;
        double minIou = 1;
        double maxScoreDiff = 0;
        List<String> problems = new ArrayList<>();
        for (Expected e : refs) {
            List<DetectedFace> got = detector.detect(image(e.file())).faces();
            faces += e.faces().size();
            if (got.size() != e.faces().size()) {
                problems.add(e.file() + ": " + got.size() + " faces, dlib " + e.faces().size());
            }
            boolean[] used = new boolean[got.size()];
            for (FaceBox want : e.faces()) {
                int best = -1;
                double bestIou = 0;
                for (int i = 0; i < got.size(); i++) {
                    double iou = got.get(i).box().iou(want);
                    if (!used[i] && iou > bestIou) {
                        best = i;
                        bestIou = iou;
                    }
                }
                if (best < 0 || bestIou < 0.99) {
                    problems.add(e.file() + ": no match for dlib box " + want + " (best IoU " + bestIou + ")");
                    continue;
                }
                used[best] = true;
                matched++;
                sumIou += bestIou;
                minIou = Math.min(minIou, bestIou);
                double diff = Math.abs(got.get(best).box().score() - want.score());
                maxScoreDiff = Math.max(maxScoreDiff, diff);
                if (diff > 0.01) {
                    problems.add(e.file() + ": score " + got.get(best).box().score() + ", dlib " + want.score());
                }
            }
        }
        String summary = String.format(Locale.ROOT,
                "%s: %d images, %d dlib faces, %d matched, mean IoU %.5f, min IoU %.5f, max score diff %.2g",
                name, refs.size(), faces, matched, matched == 0 ? 0 : sumIou / matched, minIou, maxScoreDiff);
        System.out.println(summary);
        assertTrue(problems.isEmpty(), summary + "\n" + String.join("\n", problems));
        assertEquals(faces, matched);
        return summary;
    }

    @Test
    void sameFacesAsDlibAtUpsample0() throws IOException {
        compare("peer_up0.jsonl", DlibHogDetector.builder().upsample(0).build());
    }

    @Test
    void sameFacesAsDlibAtUpsample1() throws IOException {
        compare("peer_up1.jsonl", DlibHogDetector.builder().upsample(1).build());
    }

    @Test
    void sameFacesAsDlibAfterScaling2point5() throws IOException {
        compare("peer_up0_scale2.5.jsonl", DlibHogDetector.builder().upsample(0).scale(2.5).build());
    }

    @Test
    void eightThreadsOnOneInstanceGiveTheSerialResults() throws Exception {
        DlibHogDetector detector = DlibHogDetector.builder().upsample(0).build();
        List<Expected> refs = references("peer_up0.jsonl");
        List<RgbImage> images = new ArrayList<>();
        for (Expected e : refs) {
            images.add(image(e.file()));
        }
        List<List<DetectedFace>> serial = new ArrayList<>();
        for (RgbImage img : images) {
            serial.add(detector.detect(img).faces());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<DetectedFace>>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (RgbImage img : images) {
                    Callable<List<DetectedFace>> task = () -> detector.detect(img).faces();
                    futures.add(pool.submit(task));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(serial.get(i % images.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
