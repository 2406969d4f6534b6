package org.facecensus.verify;

import java.util.List;

import org.facecensus.classify.FaceToClassify;
import org.facecensus.model.ModelInfo;

/**
 * Decides whether each detected face is a face at all. A {@link org.facecensus.analysis.FaceAnalyzer} with a
 * verifier drops what it rejects before classification and reports the rejected faces apart
 * ({@link org.facecensus.analysis.FaceAnalysis#rejected()}), so a census can count them.
 *
 * <p>A face the verifier cannot judge (e.g. no aligned crop) is kept with a problem: dropping it would
 * lose a face on no evidence.
 *
 * <p>Thread-safety: implementations must be thread-safe; {@link #close()} must be idempotent.
 */
public interface FaceVerifier extends AutoCloseable {
    /** The name in outputs, e.g. the verifier file's name. */
    String name();

    /** Every model the verifier runs (backbone and head), for provenance. */
    List<ModelInfo> models();

    /** One check per face, in input order. */
    List<FaceCheck> check(List<FaceToClassify> faces);

    @Override
    void close();
}
