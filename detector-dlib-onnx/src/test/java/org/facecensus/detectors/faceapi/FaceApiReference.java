package org.facecensus.detectors.faceapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.facecensus.detect.FaceBox;

/**
 * The face-api peer's reference files ({@code faceapi/*_reference.jsonl}): what it printed for real
 * photos, one image per line after a first line with the provenance (command and versions).
 */
public final class FaceApiReference {
    private FaceApiReference() {
    }

    /** One face the peer found: its SSD box, landmarks, aligned box and age/gender. */
    record Face(String source, FaceBox box, double[][] landmarks, FaceBox alignedBox, double age, String gender,
                double genderProbability) {
    }

    /** The image records of a reference file on the test classpath, provenance line skipped. */
    public static List<JsonNode> records(String resource) {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                FaceApiReference.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            in.readLine(); // provenance
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Face> faces() {
        List<Face> out = new ArrayList<>();
        for (JsonNode image : records("/faceapi/faceapi_ssd_reference.jsonl")) {
            for (JsonNode f : image.get("faces")) {
                double[][] lm = new double[68][];
                for (int i = 0; i < 68; i++) {
                    lm[i] = new double[] {f.get("landmarks").get(i).get(0).asDouble(),
                            f.get("landmarks").get(i).get(1).asDouble()};
                }
                out.add(new Face(image.get("source").asText(), box(f.get("box"), f.get("score").asDouble()), lm,
                        box(f.get("aligned_box"), 1), f.get("age").asDouble(), f.get("gender").asText(),
                        f.get("genderProbability").asDouble()));
            }
        }
        return out;
    }

    /** A peer box {@code [x, y, w, h]} with the given score. */
    public static FaceBox box(JsonNode b, double score) {
        return new FaceBox(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble(), score);
    }
}
