package org.facecensus.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real WebP files for the tests, written by libwebp's own encoders (Debian's {@code webp} package: {@code cwebp},
 * {@code img2webp}), since no Java library writes WebP. Without the tools a test is skipped with a message; on CI
 * ({@code CI} set) it fails instead, because {@code .ci/run} installs them.
 */
public final class WebpTool {
    private WebpTool() {
    }

    /** {@code /usr/bin/<tool>}; skips the test when it is missing (fails on CI). */
    public static Path require(String tool) {
        Path path = Path.of("/usr/bin", tool);
        boolean present = Files.isExecutable(path);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "no " + path + ": apt-get install -y webp (libwebp's encoders) to run the WebP tests");
        }
        assertTrue(present, "CI must have " + path + " (Debian's webp package; see .ci/run)");
        return path;
    }

    /** {@code cwebp OPTIONS png -o out}: e.g. {@code -lossless}, or {@code -q 90} for lossy. */
    public static Path cwebp(Path png, Path out, String... options) {
        List<String> command = new ArrayList<>(List.of(require("cwebp").toString(), "-quiet"));
        command.addAll(List.of(options));
        command.addAll(List.of(png.toString(), "-o", out.toString()));
        return run(command, out);
    }

    /** An animated WebP whose frames are the PNGs, each lossless, 100 ms apart. */
    public static Path animated(Path out, Path... pngs) {
        List<String> command = new ArrayList<>(List.of(require("img2webp").toString(), "-lossless", "-d", "100"));
        for (Path png : pngs) {
            command.add(png.toString());
        }
        command.addAll(List.of("-o", out.toString()));
        return run(command, out);
    }

    private static Path run(List<String> command, Path out) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
            assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + output);
            assertTrue(Files.size(out) > 0, "no output from " + command);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
