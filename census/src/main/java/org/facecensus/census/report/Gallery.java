package org.facecensus.census.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.classify.Gender;

/**
 * A fixed-seed sample of face crops per predicted label, for auditing the classifier by eye. The
 * crops are embedded as small JPEG thumbnails ({@code data:} URIs), so the report keeps working when
 * only {@code report.html} is copied or mailed, without the {@code crops/} folder.
 *
 * <p>Thread-safety: stateless.
 */
final class Gallery {
    /** Crops shown per label. */
    static final int PER_LABEL = 24;
    /** Fixed so that two reports of the same run show the same faces. */
    static final long SEED = 20261123L;
    static final int THUMBNAIL = 96;

    private Gallery() {
    }

    /** One shown crop. */
    record Tile(FaceRecord face, String title, String dataUri) {
    }

    /** What was shown for one label, and how many crops could not be read. */
    record Sample(Gender label, long candidates, List<Tile> tiles, int unreadable) {
    }

    static Map<Gender, Sample> sample(Path outDir, List<ItemRecord> items) {
        Map<Gender, List<FaceRecord>> byLabel = new EnumMap<>(Gender.class);
        Map<String, String> titles = new java.util.HashMap<>();
        for (Gender g : List.of(Gender.FEMALE, Gender.MALE, Gender.UNKNOWN)) {
            byLabel.put(g, new ArrayList<>());
        }
        for (ItemRecord item : items) {
            titles.put(item.itemId(), item.metadata() == null ? "" : item.metadata().title());
            for (FaceRecord face : item.faces()) {
                if (!face.cropPath().isEmpty()) {
                    byLabel.get(face.gender()).add(face);
                }
            }
        }
        Path root = outDir.toAbsolutePath().normalize();
        Map<Gender, Sample> samples = new EnumMap<>(Gender.class);
        for (Map.Entry<Gender, List<FaceRecord>> e : byLabel.entrySet()) {
            List<FaceRecord> faces = new ArrayList<>(e.getValue());
            // Sorted first so the sample depends on the faces, not on the order items were listed in.
            faces.sort(Comparator.comparing(FaceRecord::itemId).thenComparingInt(FaceRecord::faceIndex));
            SplittableRandom random = new SplittableRandom(SEED + e.getKey().ordinal());
            for (int i = faces.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                FaceRecord t = faces.get(i);
                faces.set(i, faces.get(j));
                faces.set(j, t);
            }
            List<Tile> tiles = new ArrayList<>();
            int unreadable = 0;
            for (FaceRecord face : faces) {
                if (tiles.size() == PER_LABEL) {
                    break;
                }
                String uri = thumbnail(root, face.cropPath());
                if (uri == null) {
                    unreadable++;
                } else {
                    tiles.add(new Tile(face, titles.getOrDefault(face.itemId(), ""), uri));
                }
            }
            samples.put(e.getKey(), new Sample(e.getKey(), faces.size(), tiles, unreadable));
        }
        return samples;
    }

    /** The crop as a JPEG data URI, or null when it is missing, unreadable or outside the output folder. */
    private static String thumbnail(Path root, String cropPath) {
        Path file = root.resolve(cropPath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            BufferedImage crop = ImageIO.read(file.toFile());
            if (crop == null) {
                return null;
            }
            double scale = (double) THUMBNAIL / Math.max(crop.getWidth(), crop.getHeight());
            int w = Math.max(1, (int) Math.round(crop.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(crop.getHeight() * scale));
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(crop, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(small, "jpg", bytes)) {
                return null;
            }
            return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
