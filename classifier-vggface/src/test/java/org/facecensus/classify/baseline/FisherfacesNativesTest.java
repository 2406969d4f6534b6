package org.facecensus.classify.baseline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;

import org.facecensus.FaceCensusException;
import org.junit.jupiter.api.Test;

/** The natives are optional for consumers: without them Fisherfaces says which artifacts to add. */
class FisherfacesNativesTest {
    @Test
    void presentOnThisModulesTestClasspath() {
        FisherfacesNatives.require();
    }

    @Test
    void missingJarsAreNamedWithTheirCoordinates() throws Exception {
        // A loader that sees only the JDK: what a consumer without the optional jars has.
        try (URLClassLoader bare = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            FaceCensusException e = assertThrows(FaceCensusException.class, () -> FisherfacesNatives.require(bare));
            String m = e.getMessage();
            for (String artifact : FisherfacesNatives.ARTIFACTS) {
                assertTrue(m.contains(artifact), m);
            }
            assertTrue(m.contains("optional"), m);
        }
    }
}
