package org.facecensus.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The shared data folder beside the repository ({@code -Dfacecensus.shared}); tests skip when it is absent. */
final class TestData {
    private TestData() {
    }

    static Path data(String relative) {
        String property = System.getProperty("facecensus.shared");
        for (Path root : new Path[] {property == null || property.contains("${") ? null : Path.of(property),
                Path.of("..", "..", "shared"), Path.of("..", "shared")}) {
            if (root != null && Files.isDirectory(root.resolve("data"))) {
                return root.resolve("data").resolve(relative).toAbsolutePath().normalize();
            }
        }
        Assumptions.abort("Shared test data not found; set -Dfacecensus.shared=/path/to/shared to run this test");
        throw new AssertionError("unreachable");
    }
}
