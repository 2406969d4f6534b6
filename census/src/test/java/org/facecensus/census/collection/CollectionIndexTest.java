package org.facecensus.census.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facecensus.census.SharedPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionIndexTest {
    @TempDir
    Path dir;

    @Test
    void joinsCatalogueRowsByIdOrFileNameAndListsBothKindsOfOrphans() throws IOException {
        Path photo = SharedPhotos.data("dlib-faces/2008_001322.jpg");
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.copy(photo, dir.resolve("a/group.jpg"));
        Files.copy(photo, dir.resolve("b/group.jpg")); // same name in two folders
        Files.copy(photo, dir.resolve("poster17.JPG"));
        Files.copy(photo, dir.resolve("uncatalogued.jpg"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        MetadataFile catalogue = MetadataFile.readCsv(new StringReader("""
                id,file,title
                p-17,poster17.JPG,Joined by file name
                ,b/group.jpg,Joined by relative path; no id
                missing-1,,No image has this id
                """));

        CollectionIndex index = CollectionIndex.scan(dir, catalogue);

        assertEquals(List.of("a/group.jpg", "b/group.jpg", "poster17.JPG", "uncatalogued.jpg"),
                index.items().stream().map(CollectionItem::file).toList());
        assertEquals(List.of("a/group", "b/group", "p-17", "uncatalogued"),
                index.items().stream().map(CollectionItem::itemId).toList());
        assertNull(index.items().get(0).metadata());
        assertEquals("Joined by relative path; no id", index.items().get(1).metadata().title());
        assertEquals("Joined by file name", index.items().get(2).metadata().title());
        assertNull(index.items().get(3).metadata());
        assertEquals(List.of("missing-1"), index.unmatched().stream().map(m -> m.id()).toList());
    }

    @Test
    void leavesOutTheCensusOutputFolderWhenItIsInsideTheCollection() throws IOException {
        Path photo = SharedPhotos.data("dlib-faces/2008_001322.jpg");
        Files.copy(photo, dir.resolve("group.jpg"));
        Path crops = Files.createDirectories(dir.resolve("census/crops"));
        Files.copy(photo, crops.resolve("group_0.jpg"));

        assertEquals(List.of("census/crops/group_0.jpg", "group.jpg"),
                CollectionIndex.scan(dir, null).items().stream().map(CollectionItem::file).toList());
        assertEquals(List.of("group.jpg"), CollectionIndex.scan(dir, null, dir.resolve("census")).items().stream()
                .map(CollectionItem::file).toList());
    }
}
