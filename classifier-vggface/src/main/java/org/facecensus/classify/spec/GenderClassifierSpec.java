package org.facecensus.classify.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.facecensus.FaceCensus;
import org.facecensus.FaceCensusException;
import org.facecensus.classify.GenderClassifier;
import org.facecensus.classify.baseline.FisherfacesGenderClassifier;
import org.facecensus.classify.baseline.FisherfacesNatives;
import org.facecensus.classify.ensemble.EnsembleGenderClassifier;
import org.facecensus.classify.transfer.TransferGenderClassifier;
import org.facecensus.spi.ProviderContext;

/**
 * Opens a gender classifier from the one string users give on the command line ({@code --classifier}),
 * so every command accepts the same things:
 * <ul>
 *   <li>a provider name, e.g. {@code faceapi-agegender};</li>
 *   <li>a trained head, a {@code .json} file written by {@code facecensus gender train};</li>
 *   <li>a Fisherfaces model, a {@code .yml} file with its {@code .yml.json} sidecar;</li>
 *   <li>the two-model filter: two of the above separated by a comma, optionally followed by
 *       {@code @T}, the probability both must reach (default {@value #DEFAULT_AGREEMENT}), e.g.
 *       {@code faceapi-agegender,head.json@0.9}. A face is labelled only when both agree.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless.
 */
public final class GenderClassifierSpec {

    /** The two-model filter's threshold when the spec gives none. */
    public static final double DEFAULT_AGREEMENT = 0.8;

    /** One line for command help. */
    public static final String HELP = "a provider name (faceapi-agegender), a trained head (.json from 'facecensus gender"
            + " train'), a Fisherfaces model (.yml), or two of these as 'A,B[@T]': the two-model filter, keeping a label"
            + " only when both agree with probability >= T (default " + DEFAULT_AGREEMENT + ")";

    private GenderClassifierSpec() {
    }

    /**
     * The spec as a factory for {@code FaceAnalyzer.Builder#classifier(Function)}, so the analyzer opens the
     * classifier with its own context and closes it with itself.
     */
    public static java.util.function.Function<ProviderContext, GenderClassifier> factory(String spec) {
        return context -> open(spec, context);
    }

    /**
     * @throws FaceCensusException naming what was wrong with the spec, or why the model could not open
     */
    public static GenderClassifier open(String spec, ProviderContext context) {
        if (spec == null || spec.isBlank()) {
            throw new FaceCensusException("Empty gender classifier; give " + HELP + ".");
        }
        String s = spec.trim();
        int comma = s.indexOf(',');
        if (comma >= 0) {
            return openEnsemble(s, comma, context);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return TransferGenderClassifier.open(existing(Path.of(s), "trained head"), context, null);
        }
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            Path model = existing(Path.of(s), "Fisherfaces model");
            // Before the first reference to FisherfacesGenderClassifier: its OpenCV jars are optional.
            FisherfacesNatives.require();
            return FisherfacesGenderClassifier.load(model);
        }
        return FaceCensus.defaults().withContext(context).createGenderClassifier(s);
    }

    private static GenderClassifier openEnsemble(String s, int comma, ProviderContext context) {
        String rest = s.substring(comma + 1);
        double threshold = DEFAULT_AGREEMENT;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String t = rest.substring(at + 1).trim();
            try {
                threshold = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new FaceCensusException("The two-model filter '" + s + "' has threshold '" + t
                        + "', not a number; write e.g. 'faceapi-agegender,head.json@0.8'.");
            }
            if (!(threshold >= 0.5 && threshold <= 1)) {
                throw new FaceCensusException("The two-model filter's threshold must be within [0.5, 1], got " + t
                        + " in '" + s + "'.");
            }
            rest = rest.substring(0, at);
        }
        String firstSpec = s.substring(0, comma).trim();
        String secondSpec = rest.trim();
        if (firstSpec.isEmpty() || secondSpec.isEmpty() || secondSpec.contains(",")) {
            throw new FaceCensusException("The two-model filter takes exactly two classifiers, 'A,B[@T]'; got '" + s + "'.");
        }
        GenderClassifier first = open(firstSpec, context);
        try {
            return new EnsembleGenderClassifier(first, open(secondSpec, context), threshold);
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new FaceCensusException("No " + what + " at " + file.toAbsolutePath() + " (the classifier name ends in "
                    + file.getFileName().toString().replaceAll(".*\\.", ".") + ", so it is read as a file).");
        }
        return file;
    }
}
