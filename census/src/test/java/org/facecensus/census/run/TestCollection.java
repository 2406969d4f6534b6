package org.facecensus.census.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.facecensus.census.SharedPhotos;

/**
 * A small real collection for the run tests: dlib's example photos and web photos from the shared
 * data, plus bad items made from them at test time (an empty file, a JPEG cut in half, a text file
 * named .jpg) and a catalogue with broken rows.
 */
final class TestCollection {
    static final List<String> DLIB = List.of("2008_001322.jpg", "2008_001009.jpg", "2007_007763.jpg", "dogs.jpg",
            "2008_002506.jpg", "2009_004587.jpg", "Tom_Cruise_avp_2014_4.jpg");
    static final List<String> WEB = List.of("pic00068.jpg", "pic00099.jpg", "pic00110.jpg");

    private TestCollection() {
    }

    /** Real photos only, {@code dlibCount} of dlib's and {@code webCount} web photos. */
    static Path photos(Path dir, int dlibCount, int webCount) throws IOException {
        Files.createDirectories(dir.resolve("web"));
        for (String name : DLIB.subList(0, dlibCount)) {
            Files.copy(SharedPhotos.data("dlib-faces/" + name), dir.resolve(name));
        }
        for (String name : WEB.subList(0, webCount)) {
            Files.copy(SharedPhotos.data("webfaces/images/" + name), dir.resolve("web").resolve(name));
        }
        return dir;
    }

    /** Adds the bad items: empty.jpg, truncated.jpg, notes.jpg (text), and readme.txt (to be skipped). */
    static void addBadItems(Path dir) throws IOException {
        Files.createFile(dir.resolve("empty.jpg"));
        byte[] jpeg = Files.readAllBytes(SharedPhotos.data("dlib-faces/2008_002470.jpg"));
        Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(dir.resolve("notes.jpg"), "Group photo, 2008. Left to right: ...\n");
        Files.writeString(dir.resolve("readme.txt"), "Photos from the dlib examples and Caltech web faces.\n");
    }

    /**
     * A catalogue in CSV: two rows joined by file name, one by id, one without image, and two broken
     * rows (wrong column count, no id or file).
     */
    static Path catalogue(Path file) throws IOException {
        return Files.writeString(file, """
                id,file,title,date,tags,photographer
                voc-1322,2008_001322.jpg,Three people in a PASCAL VOC photo,2008,group;outdoor,unknown
                ,dogs.jpg,"Dogs, no people",n.d.,animals,unknown
                2008_001009,,Two people,ca. 2008,group,unknown
                never-photographed,,A row with no image,1950s-1960s,,
                broken,row,with,three
                ,,No key at all,1999,,
                """);
    }
}
