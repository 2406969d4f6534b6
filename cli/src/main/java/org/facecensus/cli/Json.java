package org.facecensus.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.detect.Landmarks;
import org.facecensus.detect.Point;
import org.facecensus.model.ModelInfo;
import org.facecensus.timing.StageTimings;

/** The peer tools' JSON schema: one object per image, one line each. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String line(Map<String, Object> object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise output", e);
        }
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    static Map<String, Object> face(DetectedFace face) {
        Map<String, Object> out = new LinkedHashMap<>();
        FaceBox b = face.box();
        out.put("box", List.of(round(b.x(), 2), round(b.y(), 2), round(b.width(), 2), round(b.height(), 2)));
        out.put("score", round(b.score(), 4));
        out.put("landmarks", face.landmarks().map(Json::points).orElse(List.of()));
        face.landmarks().ifPresent(l -> out.put("landmark_scheme", l.scheme().name()));
        return out;
    }

    static List<List<Double>> points(Landmarks landmarks) {
        List<List<Double>> points = new ArrayList<>();
        for (Point p : landmarks.points()) {
            points.add(List.of(round(p.x(), 2), round(p.y(), 2)));
        }
        return points;
    }

    static Map<String, Object> model(ModelInfo m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", m.name());
        out.put("version", m.version());
        out.put("source", m.source());
        out.put("sha256", m.sha256());
        out.put("licence", m.licence());
        return out;
    }

    static Map<String, Object> timings(StageTimings t) {
        Map<String, Object> out = new LinkedHashMap<>();
        t.asMap().forEach((k, v) -> out.put(k, round(v, 2)));
        return out;
    }
}
