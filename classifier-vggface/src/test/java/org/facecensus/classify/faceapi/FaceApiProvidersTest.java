package org.facecensus.classify.faceapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.facecensus.FaceCensus;
import org.facecensus.internal.ProviderManifest;
import org.facecensus.modeltools.faceapi.FaceApiModels;
import org.junit.jupiter.api.Test;

/** This module registers the face-api classifier and embedders, their manifest entry and their models. */
class FaceApiProvidersTest {
    @Test
    void manifestListsExactlyTheRegisteredProviders() {
        ProviderManifest.verifyModule(FaceApiAgeGenderProvider.class);
    }

    @Test
    void theirModelsAreInTheManifestForFetching() {
        assertTrue(FaceCensus.modelManifest().containsAll(FaceApiModels.AGE_GENDER.specs()));
        assertTrue(FaceCensus.modelManifest().containsAll(FaceApiModels.FACE_RECOGNITION.specs()));
    }
}
