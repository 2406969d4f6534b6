package org.facecensus.cli;

import org.facecensus.census.Census;
import picocli.CommandLine.Option;

/**
 * {@code --detector NAME}, the face detector, the same in every command.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class DetectorMixin {
    @Option(names = "--detector", paramLabel = "NAME",
            description = "Face detector (default " + Census.DEFAULT_DETECTOR
                    + ", or -Dfacecensus.detector); 'facecensus detect --list-detectors' lists them.")
    String name;

    /** The name given, or null for the default. */
    String name() {
        return name;
    }
}
