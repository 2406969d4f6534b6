package org.facecensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.detect.FaceDetector;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.internal.ProviderRegistryTest;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.Test;

/** The facade: programmatic registration and image loading. FaceCensus' registries are global, so names are unique here. */
class FaceCensusTest {

    @Test
    void registeredDetectorCanBeCreatedByName() {
        List<ProviderContext> contexts = new ArrayList<>();
        ProviderRegistryTest.Provider provider = new ProviderRegistryTest.Provider("facade-test-detector", 7) {
            @Override
            public FaceDetector create(ProviderContext context) {
                contexts.add(context);
                return super.create(context);
            }
        };
        FaceCensus.register(provider);
        assertTrue(FaceCensus.detectors().all().contains(provider));
        try (FaceDetector detector = FaceCensus.detector("facade-test-detector")) {
            assertEquals("facade-test-detector", detector.name());
        }
        assertEquals(1, contexts.size());
        // Components get the default model cache.
        assertEquals(ModelStore.defaultDirectory().toAbsolutePath().normalize(), contexts.get(0).models().root());

        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> FaceCensus.detector("facade-test-unknown"));
        assertTrue(e.getMessage().contains("facade-test-detector (priority 7"), "lists the registered one: "
                + e.getMessage());
        assertSame(FaceCensus.detectors(), FaceCensus.detectors());
    }

    @Test
    void loadImageUsesTheDefaultLoader() {
        Path file = SharedData.file(SharedData.PORTRAIT_JPEG);
        RgbImage image = FaceCensus.loadImage(file);
        assertArrayEquals(ImageLoader.defaults().load(file).toByteArray(), image.toByteArray());
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> FaceCensus.loadImage(file.resolveSibling("missing.jpg")));
        assertEquals(ImageLoadException.Problem.NOT_FOUND, e.problem());
    }

    @Test
    void coreAloneDeclaresNoModels() {
        // No module with a ModelCatalog is on core's test classpath.
        assertEquals(List.of(), FaceCensus.modelManifest());
    }
}
