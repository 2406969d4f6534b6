package org.facecensus.cli;

import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.Census;
import org.facecensus.detectors.blazeface.BlazeFaceDetector;
import org.facecensus.detectors.blazeface.BlazeFaceOptions;
import picocli.CommandLine;
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

    @Option(names = "--min-face", paramLabel = "PX", description = "Smallest face side to look for, in pixels "
            + "(detector default if unset; blazeface: 1/64 of the longer side, at least 16; ssd-mobilenet below "
            + "1/25 of the longer side adds a tiled pyramid).")
    Double minFace;

    @Option(names = "--min-score", paramLabel = "S",
            description = "Drop detections scoring below S (detector default if unset; blazeface: 0.65).")
    Double minScore;

    @Option(names = "--blazeface-input", paramLabel = "levels|tiles", converter = InputConverter.class,
            description = "blazeface (also inside fused): whole pyramid levels per network run (default) or the "
                    + "older overlapping 256-px tiles, about twice as slow.")
    BlazeFaceOptions.Input blazeFaceInput;

    /** {@code levels} or {@code tiles}, any case; anything else is a usage error naming both. */
    static final class InputConverter implements CommandLine.ITypeConverter<BlazeFaceOptions.Input> {
        @Override
        public BlazeFaceOptions.Input convert(String value) {
            try {
                return BlazeFaceOptions.Input.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("must be levels or tiles, not '" + value + "'");
            }
        }
    }

    /** The name given, or null for the default. */
    String name() {
        return name;
    }

    /** The analyzer with the minimum face size and score given on the command line, and blazeface's input mode. */
    FaceAnalyzer.Builder applyTo(FaceAnalyzer.Builder analyzer) {
        if (blazeFaceInput != null) {
            analyzer.options(blazeFaceInput == BlazeFaceOptions.Input.TILES ? BlazeFaceOptions.tiles()
                    : BlazeFaceOptions.levels(BlazeFaceDetector.DEFAULT_MAX_INPUT_SIDE));
        }
        if (minFace != null) {
            analyzer.minFace(minFace);
        }
        if (minScore != null) {
            analyzer.minScore(minScore);
        }
        return analyzer;
    }
}
