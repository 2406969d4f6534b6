package org.facecensus.modeltools;

import java.nio.file.Path;

import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.faceapi.FaceApiModels;

/** The real face-api weight files from the model store ({@code facecensus models fetch}). */
public final class FaceApiFiles {
    private FaceApiFiles() {
    }

    public static ModelStore store() {
        return ModelStore.defaultStore();
    }

    public static Path manifest(FaceApiModels.Network net) {
        return store().require(net.manifest());
    }

    public static Path shard(FaceApiModels.Network net) {
        return store().require(net.shard());
    }
}
