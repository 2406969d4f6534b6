package org.facecensus.internal;

import org.facecensus.align.geometry.SimilarityAligner;
import org.junit.jupiter.api.Test;

/** core's provider manifest names exactly the aligners its ServiceLoader files register. */
class CoreProvidersTest {
    @Test
    void manifestListsTheAligners() {
        ProviderManifest.verifyModule(SimilarityAligner.class);
    }
}
