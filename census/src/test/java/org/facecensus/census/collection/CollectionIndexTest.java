package org.facecensus.census.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.facecensus.image.ImageFormat;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;

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

    /**
     * A folder as a museum or a crawl hands it over: images under the right and the wrong names, a multi-page
     * TIFF, formats that are only recognised, text, hidden files. Each file is an item or counted by reason.
     */
    @Test
    void everyFileIsAnItemOrCountedByReason() throws IOException {
        Path jpeg = SharedPhotos.data("dlib-faces/2008_001322.jpg");
        BufferedImage a = ImageIO.read(SharedPhotos.data("dlib-faces/2008_001009.jpg").toFile());
        BufferedImage b = ImageIO.read(SharedPhotos.data("dlib-faces/2007_007763.jpg").toFile());
        Files.copy(jpeg, dir.resolve("group.jpg"));
        Files.copy(jpeg, dir.resolve("really-a-jpeg.png"));            // sniffed: analysed as the JPEG it is
        Files.copy(jpeg, dir.resolve("scan0001"));                      // no extension, still an image
        ImageIO.write(a, "png", dir.resolve("poster.PNG").toFile());
        Files.write(dir.resolve("box.tif"), tiffPages(a, b, a));        // 3 pages
        Files.writeString(dir.resolve("notes.jpg"), "Group photo, 2008.\n");  // an image by name: an item with an error
        Files.write(dir.resolve("IMG_0001.heic"), isoMedia("heic"));
        Files.write(dir.resolve("IMG_0002.HEIC"), isoMedia("mif1"));
        Files.write(dir.resolve("IMG_0003.heic"), "not even HEIF".getBytes(StandardCharsets.US_ASCII));
        // JPEG 2000 without its optional decoder (census's tests do not have it): recognised, not decoded.
        Files.write(dir.resolve("master.jp2"), new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10, 0});
        Files.writeString(dir.resolve("readme.txt"), "Scans of the poster collection.\n");
        Files.writeString(dir.resolve("list.txt"), "box.tif\n");
        Files.writeString(dir.resolve("catalogue.csv"), "id,title\n");
        Files.createFile(dir.resolve("placeholder.dat"));
        Files.writeString(dir.resolve(".DS_Store"), "Bud1");
        Files.copy(jpeg, dir.resolve("._group.jpg"));
        Files.createDirectories(dir.resolve(".thumbnails"));
        Files.copy(jpeg, dir.resolve(".thumbnails/group.jpg"));
        Path census = Files.createDirectories(dir.resolve("census/crops"));
        Files.copy(jpeg, census.resolve("group_0.jpg"));                // the census's own output: left out silently
        Files.createSymbolicLink(dir.resolve("elsewhere"), census);

        CollectionIndex index = CollectionIndex.scan(dir, null, dir.resolve("census"));

        assertEquals(List.of("box.tif", "group.jpg", "notes.jpg", "poster.PNG", "really-a-jpeg.png", "scan0001"),
                index.items().stream().map(CollectionItem::file).toList());
        Map<String, Integer> expected = new TreeMap<>(Map.of(
                ".heic (unsupported format: HEIF)", 2,
                ".heic (not an image)", 1,
                ".jp2 (unsupported format: JPEG 2000)", 1,
                ".txt (not an image)", 2,
                ".csv (not an image)", 1,
                ".dat (empty file)", 1,
                CollectionIndex.HIDDEN, 3,
                "link to a folder (not followed)", 1));
        assertEquals(expected, index.skippedFiles());
        assertEquals(12, index.skippedCount());
        assertEquals(2, index.pagesNotAnalysed(), "box.tif's pages 2 and 3");
        assertTrue(index.items().stream().allMatch(i -> i.page() == 0));
        // Every file under the folder, but the census's own, is an item or counted.
        long files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.startsWith(dir.resolve("census"))).count();
        }
        assertEquals(files, index.items().size() + index.skippedCount());

        // The JP2 says why it is not decoded and what to do, when asked.
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> ImageLoader.defaults().load(dir.resolve("master.jp2")));
        assertEquals(ImageLoadException.Problem.UNSUPPORTED_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("jai-imageio-jpeg2000") && e.getMessage().contains("JJ2000"), e.getMessage());
        assertTrue(!ImageFormat.JPEG2000.isDecodable());
    }

    @Test
    void allPagesMakesEachPageOfAMultiPageTiffAnItemWithTheFilesRecord() throws IOException {
        BufferedImage a = ImageIO.read(SharedPhotos.data("dlib-faces/2008_001009.jpg").toFile());
        BufferedImage b = ImageIO.read(SharedPhotos.data("dlib-faces/2007_007763.jpg").toFile());
        Files.write(dir.resolve("box.tif"), tiffPages(a, b, a));
        Files.copy(SharedPhotos.data("dlib-faces/2008_001322.jpg"), dir.resolve("group.jpg"));
        MetadataFile catalogue = MetadataFile.readCsv(new StringReader("""
                id,file,title
                obj-7,box.tif,A box of three prints
                """));

        CollectionIndex index = CollectionIndex.scan(dir, catalogue, null, true);

        assertEquals(List.of("obj-7", "obj-7#p2", "obj-7#p3", "group"),
                index.items().stream().map(CollectionItem::itemId).toList());
        assertEquals(List.of(0, 1, 2, 0), index.items().stream().map(CollectionItem::page).toList());
        assertEquals("box.tif", index.items().get(2).file());
        assertSame(index.items().get(0).metadata(), index.items().get(2).metadata());
        assertEquals("A box of three prints", index.items().get(1).metadata().title());
        assertEquals(0, index.pagesNotAnalysed());
        assertEquals(List.of(), index.unmatched());
    }

    /** A multi-page LZW TIFF by the JDK's own TIFF writer. */
    static byte[] tiffPages(BufferedImage... pages) throws IOException {
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The start of a HEIF file: an ftyp box with {@code brand} as its major brand. */
    static byte[] isoMedia(String brand) {
        byte[] out = new byte[64];
        out[3] = 24;
        System.arraycopy("ftyp".getBytes(StandardCharsets.US_ASCII), 0, out, 4, 4);
        System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, out, 8, 4);
        System.arraycopy("mif1heic".getBytes(StandardCharsets.US_ASCII), 0, out, 16, 8);
        return out;
    }
}
