package org.facecensus.label;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A made-up census folder for the explorer's tests, written as {@code facecensus analyze} writes one
 * ({@code items.csv} with catalogue fields and image sizes, {@code faces.csv}, {@code crops/},
 * {@code run.json}), with rules simple enough for a test to count what any filter should show:
 * item {@code i} is dated {@code 1930 + (7·i mod 50)}, tagged {@code photo} when {@code i mod 3 = 0} else
 * {@code poster}, designed by {@code d(i mod 4)}, 200×300 pixels, with {@code 1 + i mod 3} faces; face
 * {@code j} is female when {@code (i + j) mod 5 < 2}, 60 pixels wide for {@code j = 0} (the central figure)
 * and 20 for the others.
 */
final class ExploreCensus {
    private ExploreCensus() {
    }

    static int year(int i) {
        return 1930 + (7 * i) % 50;
    }

    static String tag(int i) {
        return i % 3 == 0 ? "photo" : "poster";
    }

    static int faces(int i) {
        return 1 + i % 3;
    }

    static boolean female(int i, int j) {
        return (i + j) % 5 < 2;
    }

    static Path write(Path dir, int items) throws IOException {
        Path census = Files.createDirectories(dir.resolve("census"));
        Path crops = Files.createDirectories(census.resolve("crops"));
        Path collection = Files.createDirectories(dir.resolve("collection"));
        Path tiny = dir.resolve("tiny.jpg");
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0x808080 + x * 8);
            }
        }
        ImageIO.write(image, "jpg", tiny.toFile());
        StringBuilder faces = new StringBuilder("item_id,face_index,x,y,width,height,score,gender,probability,crop,error,models\n");
        StringBuilder rows = new StringBuilder("item_id,file,faces,men,women,unknown,rejected_faces,composition,image_width,"
                + "image_height,catalogued,title,date,year_from,year_to,designer,tags,description,error,problem\n");
        for (int i = 0; i < items; i++) {
            String id = String.format(Locale.ROOT, "item%05d", i);
            int n = faces(i);
            int women = 0;
            for (int j = 0; j < n; j++) {
                boolean f = female(i, j);
                women += f ? 1 : 0;
                int side = j == 0 ? 60 : 20;
                Files.copy(tiny, crops.resolve(id + "_" + j + ".jpg"));
                faces.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,0.9,%s,0.9,crops/%s_%d.jpg,,m%n",
                        id, j, 10 + 70 * j, 40, side, side, f ? "female" : "male", id, j));
            }
            rows.append(String.format(Locale.ROOT, "%s,%s.jpg,%d,%d,%d,0,0,mixed,200,300,yes,Title %d,%d,%d,%d,d%d,%s,,,%n",
                    id, id, n, n - women, women, i, year(i), year(i), year(i), i % 4, tag(i)));
        }
        Files.writeString(census.resolve("faces.csv"), faces);
        Files.writeString(census.resolve("items.csv"), rows);
        Files.writeString(census.resolve("run.json"), new ObjectMapper().createObjectNode()
                .put("collection", collection.toString()).toString());
        return census;
    }
}
