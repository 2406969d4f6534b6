package org.facecensus.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.facecensus.FaceCensus;
import org.facecensus.detectors.blazeface.BlazeFaceProvider;
import org.facecensus.internal.ProviderManifest;
import org.facecensus.spi.FaceDetectorProvider;
import org.junit.jupiter.api.Test;

/** What this module registers: its manifest matches its services files, and which detectors carry figures. */
class DetectorProvidersTest {
    @Test
    void manifestListsExactlyTheRegisteredProviders() {
        ProviderManifest.verifyModule(BlazeFaceProvider.class);
    }

    @Test
    void everyDetectorButTheSelfieModelHasMeasuredRecall() {
        List<String> measured = FaceCensus.defaults().detectors().all().stream().filter(p -> p.measuredRecall().isPresent())
                .map(FaceDetectorProvider::name).sorted().toList();
        assertEquals(List.of("blazeface", "dlib-hog", "ssd-mobilenet", "tiny-face"), measured);
        assertEquals(0.887, FaceCensus.defaults().detectors().select("ssd-mobilenet").measuredRecall().orElseThrow().recall());
    }
}
