package org.facecensus.classify.faceapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.LandmarkScheme;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.detectors.SharedData;
import org.facecensus.detectors.faceapi.FaceApiReference;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiCrop;
import org.facecensus.spi.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * resnet-descriptor against face-api on real photos: {@code faceapi/faceapi_descriptor_reference.jsonl}
 * holds what {@code model-tools/src/test/node/faceapi_descriptor_ref.js} (face-api 1.7.15, TF.js
 * 4.22.0 WASM: SSD, faceLandmark68Net, then {@code withFaceDescriptors()}) printed for 5 dlib-faces
 * photos, fed as lossless PNGs of FaceCensus' own decode (provenance on the file's first line).
 * From face-api's own SSD box and 68 landmarks, {@link ResnetDescriptorEmbedder#alignedFace} must
 * give face-api's descriptor box exactly, and the batched descriptors a cosine similarity ≥ 0.999
 * with face-api's on every face. Needs the models:
 * {@code facecensus models fetch faceapi-face-recognition-manifest faceapi-face-recognition-weights}.
 */
class ResnetDescriptorEmbedderTest {
    private static ResnetDescriptorEmbedder embedder;

    private record Face(DetectedFace face, double[] descriptorBox, float[] descriptor) {
    }

    private record Image(String source, List<Face> faces) {
    }

    @BeforeAll
    static void open() {
        embedder = new ResnetDescriptorEmbedder(ModelStore.defaultStore(), ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    static List<Image> reference() {
        List<Image> out = new ArrayList<>();
        for (JsonNode img : FaceApiReference.records("/faceapi/faceapi_descriptor_reference.jsonl")) {
            List<Face> faces = new ArrayList<>();
            for (JsonNode f : img.get("faces")) {
                List<Point> pts = new ArrayList<>();
                for (JsonNode p : f.get("landmarks")) {
                    pts.add(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
                }
                DetectedFace face = new DetectedFace(FaceApiReference.box(f.get("box"), f.get("score").asDouble()),
                        new Landmarks(LandmarkScheme.IBUG_68, pts));
                double[] box = new double[4];
                for (int i = 0; i < 4; i++) {
                    box[i] = f.get("descriptor_box").get(i).asDouble();
                }
                float[] d = new float[f.get("descriptor").size()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) f.get("descriptor").get(i).asDouble();
                }
                faces.add(new Face(face, box, d));
            }
            out.add(new Image(img.get("source").asText(), faces));
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        return org.facecensus.classify.EmbeddingVectors.cosine(a, b);
    }

    @Test
    void sameDescriptorsAsFaceApiOnRealPhotos() throws IOException {
        List<Image> ref = reference();
        int faces = 0;
        double minCos = 1;
        double sumCos = 0;
        double maxDist = 0;
        double ms = 0;
        List<String> bad = new ArrayList<>();
        for (Image want : ref) {
            RgbImage img = ImageLoader.defaults().load(SharedData.root().resolve(want.source()));
            List<AlignedFace> crops = new ArrayList<>();
            for (Face f : want.faces()) {
                FaceBox lmInput = toBox(FaceApiCrop.of(f.face().box(), img.width(), img.height()));
                FaceBox box = ResnetDescriptorEmbedder.descriptorBox(f.face().landmarks().orElseThrow(),
                        (int) lmInput.width(), (int) lmInput.height(), 1);
                double[] got = {box.x(), box.y(), box.width(), box.height()};
                if (!java.util.Arrays.equals(got, f.descriptorBox())) {
                    bad.add(want.source() + ": descriptor box " + java.util.Arrays.toString(got) + " vs face-api "
                            + java.util.Arrays.toString(f.descriptorBox()));
                }
                crops.add(ResnetDescriptorEmbedder.alignedFace(img, f.face()));
            }
            embedder.embedAll(crops); // warm-up (first use converts and opens the session)
            long t0 = System.nanoTime();
            List<float[]> got = embedder.embedAll(crops);
            ms += (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < got.size(); i++) {
                float[] w = want.faces().get(i).descriptor();
                double cos = cosine(got.get(i), w);
                double dist = 0;
                for (int k = 0; k < w.length; k++) {
                    dist += (got.get(i)[k] - w[k]) * (got.get(i)[k] - w[k]);
                }
                maxDist = Math.max(maxDist, Math.sqrt(dist));
                faces++;
                minCos = Math.min(minCos, cos);
                sumCos += cos;
                if (!(cos >= 0.999)) {
                    bad.add(want.source() + " face " + i + ": cosine " + cos);
                }
            }
        }
        System.out.printf("resnet-descriptor vs face-api on %d images: %d faces, cosine min %.8f (1 - min = %.1e) mean %.8f, max"
                        + " Euclidean distance %.2e; warm batched embed %.1f ms/face (CPU, test run)%n", ref.size(), faces,
                minCos, 1 - minCos, sumCos / Math.max(1, faces), maxDist, ms / Math.max(1, faces));
        assertTrue(faces >= 30, "faces: " + faces);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    private static FaceBox toBox(FaceApiCrop c) {
        return new FaceBox(c.x(), c.y(), c.width(), c.height(), 1);
    }

    @Test
    void batchedEqualsOneByOne() throws IOException {
        Image first = reference().get(1);
        RgbImage img = ImageLoader.defaults().load(SharedData.root().resolve(first.source()));
        List<AlignedFace> crops = first.faces().stream().map(f -> ResnetDescriptorEmbedder.alignedFace(img, f.face()))
                .toList();
        List<float[]> all = embedder.embedAll(crops);
        assertEquals(crops.size(), all.size());
        for (int i = 0; i < crops.size(); i++) {
            float[] one = embedder.embed(crops.get(i));
            assertEquals(128, one.length);
            assertArrayEquals(one, all.get(i), 1e-5f);
        }
    }

    @Test
    void comesThroughTheRegistry() {
        try (FaceEmbedder e = FaceCensus.faceEmbedder(ResnetDescriptorEmbedder.NAME)) {
            assertEquals(ResnetDescriptorEmbedder.NAME, e.name());
            assertEquals(128, e.dimension());
            assertEquals("MIT", e.models().get(0).licence());
        }
    }

    @Test
    void closedEmbedderRefusesAndNeedsLandmarks() {
        ResnetDescriptorEmbedder e = new ResnetDescriptorEmbedder(ModelStore.defaultStore(), ExecutionDevice.CPU);
        e.close();
        e.close();
        RgbImage img = RgbImage.of(8, 8, new byte[8 * 8 * 3]);
        DetectedFace noLandmarks = new DetectedFace(new FaceBox(1, 1, 4, 4, 1));
        assertThrows(FaceCensusException.class, () -> e.embed(new AlignedFace(img, new double[] {1, 0, 0, 0, 1, 0},
                noLandmarks)));
        assertThrows(FaceCensusException.class, () -> ResnetDescriptorEmbedder.alignedFace(img, noLandmarks));
    }
}
