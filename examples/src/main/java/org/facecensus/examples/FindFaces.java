package org.facecensus.examples;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceDetector;

/**
 * The README's three-line example: find the faces in one photo.
 *
 * <p>Thread-safety: stateless.
 */
public final class FindFaces {
    private FindFaces() {
    }

    public static List<DetectedFace> findFaces(Path photo) {
        try (FaceDetector detector = FaceCensus.detector()) {
            return detector.detect(FaceCensus.loadImage(photo)).faces();
        }
    }

    public static void main(String[] args) {
        for (String file : args) {
            for (DetectedFace face : findFaces(Path.of(file))) {
                System.out.println(file + " " + face.box());
            }
        }
    }
}
