package org.facecensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.detect.DetectorOptions;
import org.facecensus.detect.FaceDetector;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.RgbImage;
import org.facecensus.internal.ProviderRegistryTest;
import org.facecensus.model.ModelStore;
import org.facecensus.spi.ProviderContext;
import org.facecensus.spi.inference.ExecutionDevice;
import org.facecensus.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: programmatic registration and image loading. Each built instance has its own providers. */
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
        FaceCensus census = FaceCensus.builder().register(provider).build();
        assertTrue(census.detectors().all().contains(provider));
        try (FaceDetector detector = census.createDetector("facade-test-detector")) {
            assertEquals("facade-test-detector", detector.name());
        }
        assertEquals(1, contexts.size());
        // Components get the default model cache.
        assertEquals(ModelStore.defaultDirectory().toAbsolutePath().normalize(), contexts.get(0).models().root());

        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> census.createDetector("facade-test-unknown"));
        assertTrue(e.getMessage().contains("facade-test-detector (priority 7"), "lists the registered one: "
                + e.getMessage());
        // Registration is per instance: the classpath's defaults do not see it.
        assertFalse(FaceCensus.defaults().detectors().all().contains(provider));
        assertThrows(FaceCensusException.class, () -> FaceCensus.detector("facade-test-detector"));
    }

    @Test
    void builtInstancesAreFixedAndCarryTheirSettings(@TempDir Path cache) {
        FaceCensus census = FaceCensus.builder().modelStore(new ModelStore(cache)).device(ExecutionDevice.CPU)
                .detectorOptions(DetectorOptions.defaults().withMinFaceSize(24)).build();
        assertEquals(cache.toAbsolutePath().normalize(), census.context().models().root());
        assertEquals(ExecutionDevice.CPU, census.context().device());
        assertEquals(24, census.context().detectorOptions().minFaceSize().getAsDouble());
        // withContext keeps the providers and changes only the context.
        FaceCensus cpu = census.withContext(census.context().withDevice(ExecutionDevice.CUDA));
        assertSame(census.detectors(), cpu.detectors());
        assertEquals(ExecutionDevice.CUDA, cpu.context().device());
        // The classpath is scanned once and shared by instances without extra providers.
        assertSame(FaceCensus.defaults().detectors(), FaceCensus.builder().build().detectors());
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
