package org.facecensus.census.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A built-in detector's recall as measured on webfaces (the README's table), so the report's
 * limitations can say how many faces the run's detector is known to miss. Read from
 * {@code detector-recall.csv} beside this class; detectors not listed (plugins) have none.
 *
 * @param recall          share of the 982 hand-marked faces found
 * @param recallSmall     the same for faces with eyes under 10 px apart
 * @param falsePerImage   detections matching no marked face, per image
 */
record DetectorRecall(double recall, double recallSmall, double falsePerImage) {

    private static final Map<String, DetectorRecall> MEASURED = load();

    static Optional<DetectorRecall> of(String detector) {
        return Optional.ofNullable(detector == null ? null : MEASURED.get(detector));
    }

    private static Map<String, DetectorRecall> load() {
        Map<String, DetectorRecall> out = new LinkedHashMap<>();
        try (InputStream in = DetectorRecall.class.getResourceAsStream("detector-recall.csv")) {
            if (in == null) {
                throw new IllegalStateException("detector-recall.csv is missing from the census jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                out.put(f[0].strip(), new DetectorRecall(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
