package org.facecensus.align;

import org.facecensus.detect.DetectedFace;
import org.facecensus.image.RgbImage;

/**
 * Crops a detected face to a canonical pose (for instance eyes level at fixed positions) so that a
 * classifier sees every face the same way.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; {@link #close()} is idempotent.
 */
public interface FaceAligner extends AutoCloseable {

    String name();

    AlignedFace align(RgbImage image, DetectedFace face);

    @Override
    void close();
}
