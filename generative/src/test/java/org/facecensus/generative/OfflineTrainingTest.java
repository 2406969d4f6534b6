package org.facecensus.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL must never need the network: a child JVM trains inside a new network namespace ({@code unshare -n}, or
 * {@code unshare -rn} for a non-root user) where only an unconfigured loopback exists. The child first proves it
 * cannot connect anywhere, then trains. Skipped, saying why, only where the system forbids new namespaces.
 */
class OfflineTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void trainsWithoutNetwork() throws Exception {
        List<String> unshare = namespaceCommand();
        Path data = TinyDataset.make(tmp.resolve("data"), 40, 32);
        List<String> cmd = new ArrayList<>(unshare);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(OfflineTrainingMain.class.getName());
        cmd.add(data.toString());
        cmd.add(tmp.resolve("model").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the child finishes");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("no network"), output);
        assertTrue(output.contains("OFFLINE-OK"), output);
        assertTrue(Files.isRegularFile(tmp.resolve("model/traversal.gif")), output);
    }

    /** {@code unshare -n} when it works here, else {@code unshare -rn}; skips when neither does. */
    private static List<String> namespaceCommand() throws IOException, InterruptedException {
        for (List<String> c : List.of(List.of("unshare", "-n"), List.of("unshare", "-rn"))) {
            List<String> probe = new ArrayList<>(c);
            probe.add("true");
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
            } catch (IOException e) {
                Assumptions.abort("no 'unshare' command (util-linux) to make a network namespace: " + e.getMessage());
            }
        }
        Assumptions.abort("this system does not allow new network namespaces (unshare -n and unshare -rn both failed);"
                + " the offline training check needs one");
        throw new AssertionError("unreachable");
    }
}
