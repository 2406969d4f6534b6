package org.facecensus.detectors.dlib.shape;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dlib peer's 68 landmarks on real photos, from {@code dlib/shape68_reference.jsonl} (its first
 * line records the exact command and dlib build).
 */
public final class ShapeReference {
    private static final Pattern FACE = Pattern.compile(
            "\\{\"file\":\"([^\"]+)\",\"rect_ltrb\":\\[(-?\\d+),(-?\\d+),(-?\\d+),(-?\\d+)],\"landmarks\":\\[([-\\d,]+)]}");

    private ShapeReference() {
    }

    /** One face: its image, dlib's rectangle (inclusive corners) and dlib's 68 integer points. */
    public record Face(String file, long left, long top, long right, long bottom, long[] points) {
    }

    public static List<Face> faces() {
        List<Face> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ShapeReference.class.getResourceAsStream("/dlib/shape68_reference.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{\"provenance\"")) {
                    continue;
                }
                Matcher m = FACE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("bad reference line: " + line);
                }
                String[] v = m.group(6).split(",");
                long[] pts = new long[v.length];
                for (int i = 0; i < v.length; i++) {
                    pts[i] = Long.parseLong(v[i]);
                }
                out.add(new Face(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), pts));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
