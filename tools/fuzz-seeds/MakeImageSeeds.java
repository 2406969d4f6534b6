import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the image fuzz seeds: one synthetic picture (gradients and discs, drawn here, so the repository keeps
 * no copy of any photo or of the shared data) at thumbnail sizes, encoded in each format the JDK writes; each
 * seed stays a few kB, since small seeds mutate faster. Run: {@code java tools/fuzz-seeds/MakeImageSeeds.java OUT_DIR}.
 */
public class MakeImageSeeds {
    public static void main(String[] args) throws Exception {
        BufferedImage photo = synthetic(128, 96);
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        write(scale(photo, 64, BufferedImage.TYPE_INT_RGB), "jpeg", out.resolve("synthetic64.jpg"));
        write(scale(photo, 32, BufferedImage.TYPE_INT_RGB), "png", out.resolve("synthetic32.png"));
        write(scale(photo, 16, BufferedImage.TYPE_INT_ARGB), "png", out.resolve("synthetic16-alpha.png"));
        write(scale(photo, 24, BufferedImage.TYPE_INT_RGB), "tiff", out.resolve("synthetic24.tif"));
        write(scale(photo, 24, BufferedImage.TYPE_BYTE_GRAY), "tiff", out.resolve("synthetic24-grey.tif"));
        write(scale(photo, 24, BufferedImage.TYPE_3BYTE_BGR), "bmp", out.resolve("synthetic24.bmp"));
        write(scale(photo, 32, BufferedImage.TYPE_BYTE_INDEXED), "gif", out.resolve("synthetic32.gif"));
    }

    /** A face-sized pattern: a colour gradient with two eye-like discs and a mouth-like bar. */
    private static BufferedImage synthetic(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (255 * x / width) << 16 | (255 * y / height) << 8 | (128 + 64 * ((x / 8 + y / 8) % 2)));
            }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillOval(width / 4, height / 3, width / 8, height / 8);
        g.fillOval(5 * width / 8, height / 3, width / 8, height / 8);
        g.setColor(java.awt.Color.DARK_GRAY);
        g.fillRect(3 * width / 8, 2 * height / 3, width / 4, height / 16);
        g.dispose();
        return img;
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
