package org.facecensus.classify.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.facecensus.classify.transfer.backbone.Backbone;
import org.facecensus.classify.transfer.backbone.BackboneConfig;
import org.facecensus.classify.data.DataProblem;
import org.facecensus.classify.transfer.data.EmbeddingCache;
import org.facecensus.classify.transfer.data.FeatureTable;
import org.facecensus.classify.data.LabelledDataset;
import org.facecensus.classify.data.LabelledFace;
import org.facecensus.spi.ProviderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledDatasetTest {

    @Test
    void readsUtkFaceLabelsWithSplitsAndGroupColumns() {
        LabelledDataset data = LabelledDataset.read(UtkFaceSubset.utkface());
        assertEquals(3871, data.faces().size());
        assertEquals(2998, data.split("train").size());
        assertEquals(873, data.split("test").size());
        assertEquals(List.of("age", "race"), data.groupColumns());
        assertTrue(data.problems().isEmpty(), data.problems().toString());
        LabelledFace first = data.faces().get(0);
        assertEquals(Gender.MALE, first.gender());
        assertEquals("25", first.groups().get("age"));
        assertEquals("Indian", first.groups().get("race"));
    }

    @Test
    void badRowsAreSkippedAndReportedByLineAndFile(@TempDir Path dir) {
        List<LabelledFace> real = UtkFaceSubset.every("train", 500);
        UtkFaceSubset.labelsCsv(dir, "file,gender,style", List.of(
                real.get(0).file() + ",Woman,poster",
                real.get(1).file() + ",robot,poster",
                dir.resolve("missing.jpg") + ",m,painting",
                real.get(2).file() + ",M,painting"));
        LabelledDataset data = LabelledDataset.read(dir);
        assertEquals(2, data.faces().size());
        assertEquals(Gender.FEMALE, data.faces().get(0).gender());
        assertEquals("poster", data.faces().get(0).groups().get("style"));
        assertEquals(List.of("style"), data.groupColumns());
        List<DataProblem> problems = data.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals("labels.csv line 3", problems.get(0).origin());
        assertTrue(problems.get(0).message().contains("unknown gender 'robot'"), problems.get(0).message());
        assertEquals("labels.csv line 4", problems.get(1).origin());
        assertTrue(problems.get(1).toString().contains("missing.jpg") && problems.get(1).message().contains("not found"));
    }

    @Test
    void aCsvWithoutGenderColumnIsRefusedWithTheColumnsFound(@TempDir Path dir) {
        UtkFaceSubset.labelsCsv(dir, "file,sex", List.of("a.jpg,m"));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> LabelledDataset.read(dir));
        assertTrue(e.getMessage().contains("no 'gender' column") && e.getMessage().contains("sex"), e.getMessage());
    }

    @Test
    void readsTheStudyFolderLayoutAndReportsUnreadableImages(@TempDir Path dir) throws Exception {
        List<LabelledFace> real = UtkFaceSubset.every("train", 300);
        for (String split : List.of("train", "test")) {
            for (String g : List.of("male", "female")) {
                Files.createDirectories(dir.resolve(split).resolve(g));
            }
        }
        int k = 0;
        for (LabelledFace f : real) {
            String split = k++ % 3 == 0 ? "test" : "train";
            Files.copy(f.file(), dir.resolve(split).resolve(f.gender().name().toLowerCase()).resolve(f.file().getFileName()));
        }
        Files.writeString(dir.resolve("train/female/notes.txt"), "not an image");
        Files.writeString(dir.resolve("train/male/broken.jpg"), "not a jpeg either");
        LabelledDataset data = LabelledDataset.read(dir);
        assertEquals(real.size() + 1, data.faces().size());
        assertEquals(1, data.problems().size());
        assertTrue(data.problems().get(0).toString().contains("notes.txt"));
        assertEquals(real.size() / 3 + (real.size() % 3 == 0 ? 0 : 1), data.split("test").size());
        for (LabelledFace f : data.faces()) {
            assertEquals(f.file().getParent().getFileName().toString(), f.gender().name().toLowerCase());
        }
        try (Backbone backbone = Backbone.open(BackboneConfig.provider("resnet-descriptor"), ProviderContext.defaults())) {
            FeatureTable t = FeatureTable.embed(data.split("train"), backbone,
                    EmbeddingCache.open(dir.resolve("cache"), backbone.featureKey()), n -> { });
            assertEquals(data.split("train").size() - 1, t.size());
            assertEquals(1, t.problems().size());
            assertTrue(t.problems().get(0).toString().contains("broken.jpg"), t.problems().toString());
            // A second pass is served from the cache file, with the same vectors.
            FeatureTable again = FeatureTable.embed(data.split("train"), backbone,
                    EmbeddingCache.open(dir.resolve("cache"), backbone.featureKey()), n -> { });
            for (int i = 0; i < t.size(); i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(t.features().get(i), again.features().get(i));
            }
        }
    }
}
