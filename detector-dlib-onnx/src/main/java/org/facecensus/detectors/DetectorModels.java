package org.facecensus.detectors;

import java.util.List;

import org.facecensus.detectors.blazeface.BlazeFaceVariant;
import org.facecensus.detectors.dlib.hog.DlibFrontalFaceModel;
import org.facecensus.model.ModelSpec;
import org.facecensus.spi.ModelCatalog;

/**
 * The models this module's detectors use, for {@code facecensus models fetch}.
 *
 * <p>Thread-safety: immutable.
 */
public final class DetectorModels implements ModelCatalog {
    @Override
    public List<ModelSpec> models() {
        return List.of(BlazeFaceVariant.BACK_256.spec(), BlazeFaceVariant.FRONT_128.spec(), DlibFrontalFaceModel.SPEC);
    }
}
