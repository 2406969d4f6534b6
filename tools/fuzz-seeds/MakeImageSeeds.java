import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the image fuzz seeds: one dlib-faces photo scaled down to a thumbnail and re-encoded in each format
 * the JDK writes, so that each seed stays a few kB (small seeds mutate faster, and the repository keeps no
 * copy of the shared data). Run: {@code java tools/fuzz-seeds/MakeImageSeeds.java PHOTO OUT_DIR}.
 */
public class MakeImageSeeds {
    public static void main(String[] args) throws Exception {
        BufferedImage photo = ImageIO.read(new File(args[0]));
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        write(scale(photo, 64, BufferedImage.TYPE_INT_RGB), "jpeg", out.resolve("photo64.jpg"));
        write(scale(photo, 32, BufferedImage.TYPE_INT_RGB), "png", out.resolve("photo32.png"));
        write(scale(photo, 16, BufferedImage.TYPE_INT_ARGB), "png", out.resolve("photo16-alpha.png"));
        write(scale(photo, 24, BufferedImage.TYPE_INT_RGB), "tiff", out.resolve("photo24.tif"));
        write(scale(photo, 24, BufferedImage.TYPE_BYTE_GRAY), "tiff", out.resolve("photo24-grey.tif"));
        write(scale(photo, 24, BufferedImage.TYPE_3BYTE_BGR), "bmp", out.resolve("photo24.bmp"));
        write(scale(photo, 32, BufferedImage.TYPE_BYTE_INDEXED), "gif", out.resolve("photo32.gif"));
    }

    private static BufferedImage scale(BufferedImage in, int width, int type) {
        int height = Math.max(1, in.getHeight() * width / in.getWidth());
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    private static void write(BufferedImage image, String format, Path file) throws Exception {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
    }
}
