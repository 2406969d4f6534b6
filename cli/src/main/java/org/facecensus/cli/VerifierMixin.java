package org.facecensus.cli;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --verifier VERIFIER.json} and {@code --verifier-threshold P}: the face / not-a-face verifier, the
 * same in every command that detects faces ({@code analyze}, {@code detect}). The verifier itself is opened
 * by {@link org.facecensus.census.engine.AnalyzerRecipe}, so both commands drop the same detections.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class VerifierMixin {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--verifier", paramLabel = "VERIFIER.json",
            description = "A face / not-a-face verifier ('facecensus verifier train'): detections it rejects are dropped"
                    + " before classification and counted (analyze: items.csv, run.json and the report; detect:"
                    + " rejected_faces); each kept face gets its probability of a face, p_face.")
    Path verifier;

    @Option(names = "--verifier-threshold", paramLabel = "P",
            description = "Reject a detection when the verifier's probability of a face is below P (default: the"
                    + " verifier file's, usually 0.5; lower loses fewer true faces and keeps more false ones).")
    Double threshold;

    /**
     * The verifier file as an absolute path, or null when none was given.
     *
     * @throws ParameterException (a usage error) for a threshold without a verifier
     */
    String file() {
        if (threshold != null && verifier == null) {
            throw new ParameterException(mixee.commandLine(), "--verifier-threshold needs --verifier");
        }
        return verifier == null ? null : verifier.toAbsolutePath().toString();
    }

    /** The threshold given, or null for the verifier file's. */
    Double threshold() {
        return threshold;
    }
}
