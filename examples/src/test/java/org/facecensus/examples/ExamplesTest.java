package org.facecensus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.census.Composition;
import org.facecensus.census.run.CensusResult;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceDetector;
import org.facecensus.internal.ProviderManifest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
    private static Path photo(String name) {
        Path p = Path.of(System.getProperty("facecensus.shared", "../../shared"), "data", "dlib-faces", name);
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isRegularFile(p), "shared test data missing: " + p);
        }
        return p;
    }

    @Test
    void threeLineExampleFindsTheThreeLabelledFaces() {
        List<DetectedFace> faces = FindFaces.findFaces(photo("2008_001322.jpg"));
        assertEquals(3, faces.size());
    }

    @Test
    void oneImageEndToEndGivesEachFaceACropAGenderAndAnAge() {
        List<AnalyzedFace> faces = AnalyzeOneImage.analyze(photo("2008_001322.jpg"));
        assertEquals(3, faces.size());
        for (AnalyzedFace face : faces) {
            assertEquals(List.of(), face.problems());
            assertEquals(224, face.aligned().orElseThrow().crop().width());
            assertTrue(face.gender().orElseThrow().probability() >= 0.5);
            assertTrue(face.age().orElseThrow() > 0, "face-api's net estimates an age");
            assertEquals(68, face.landmarks().orElseThrow().points().size());
        }
    }

    @Test
    void pluginIsFoundByServiceLoaderAndKeepsTheLargestFace() {
        try (FaceDetector all = FaceCensus.detector("blazeface");
             FaceDetector largest = FaceCensus.detector("largest-face")) {
            var image = FaceCensus.loadImage(photo("2008_002470.jpg"));
            List<DetectedFace> every = all.detect(image).faces();
            List<DetectedFace> one = largest.detect(image).faces();
            assertEquals(1, one.size());
            double maxArea = every.stream().mapToDouble(f -> f.box().area()).max().orElseThrow();
            assertEquals(maxArea, one.get(0).box().area(), 1e-9);
        }
    }

    @Test
    void censusOfAFolderJoinsTheCatalogueAndCountsTheFaces(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.copy(photo("2008_001322.jpg"), photos.resolve("2008_001322.jpg"));
        Files.copy(photo("dogs.jpg"), photos.resolve("dogs.jpg"));
        Path catalogue = Files.writeString(dir.resolve("catalogue.csv"),
                "file,title\n2008_001322.jpg,PASCAL VOC group photo\ndogs.jpg,Dogs\n");

        CensusResult result = CollectionCensus.census(photos, catalogue, dir.resolve("out"));

        assertEquals(2, result.images());
        assertEquals(3, result.faces(), "the three labelled faces, none on the dogs");
        assertEquals(0, result.imagesWithoutMetadata());
        assertEquals("PASCAL VOC group photo", result.items().get(0).metadata().title());
        assertEquals(Composition.NONE, result.items().get(1).composition());
        assertTrue(Files.isRegularFile(dir.resolve("out/census.sqlite")));
    }

    /** A plugin ships a provider manifest too, so that FaceCensus can name it when it fails to load. */
    @Test
    void pluginManifestListsItsDetector() {
        ProviderManifest.verifyModule(LargestFaceProvider.class);
    }
}
