package org.facecensus.generative.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.facecensus.io.AtomicFiles;

/**
 * The training outputs as pictures: tiles of faces, the latent scatter, the looping traversal GIF.
 *
 * <p>Thread-safety: stateless.
 */
public final class Pictures {
    private Pictures() {
    }

    /** One face from CHW floats in [0, 1]. */
    public static BufferedImage face(float[] chw, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            int r = clamp(chw[i]);
            int g = clamp(chw[plane + i]);
            int b = clamp(chw[2 * plane + i]);
            img.setRGB(i % size, i / size, r << 16 | g << 8 | b);
        }
        return img;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** Faces in a grid of {@code cols} columns, each drawn at {@code scale}×. */
    public static BufferedImage grid(List<BufferedImage> faces, int cols, int scale) {
        int side = faces.get(0).getWidth() * scale;
        int rows = (faces.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * side, rows * side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < faces.size(); i++) {
            g.drawImage(faces.get(i), (i % cols) * side, (i / cols) * side, side, side, null);
        }
        g.dispose();
        return out;
    }

    /**
     * The codes' first two values as points coloured by an attribute (blue low, red high); faces without the
     * attribute are grey.
     */
    public static BufferedImage scatter(float[][] codes, Double[] attribute, double lo, double hi, String title) {
        int w = 620;
        int h = 640;
        int pad = 50;
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (float[] c : codes) {
            minX = Math.min(minX, c[0]);
            maxX = Math.max(maxX, c[0]);
            minY = Math.min(minY, c[1]);
            maxY = Math.max(maxY, c[1]);
        }
        double spanX = Math.max(1e-6, maxX - minX);
        double spanY = Math.max(1e-6, maxY - minY);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int plot = w - 2 * pad;
        for (int i = 0; i < codes.length; i++) {
            int x = pad + (int) Math.round((codes[i][0] - minX) / spanX * plot);
            int y = pad + plot - (int) Math.round((codes[i][1] - minY) / spanY * plot);
            Double a = attribute[i];
            if (a == null) {
                g.setColor(new Color(160, 160, 160, 120));
            } else {
                float t = (float) Math.max(0, Math.min(1, (a - lo) / (hi - lo)));
                g.setColor(new Color(t, 0.15f, 1 - t, 0.6f));
            }
            g.fillOval(x - 2, y - 2, 5, 5);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(pad, pad, plot, plot);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "z1 %.2f .. %.2f", minX, maxX), pad, pad + plot + 18);
        g.drawString(String.format(Locale.ROOT, "z2 %.2f .. %.2f", minY, maxY), pad, pad + plot + 34);
        g.drawString(String.format(Locale.ROOT, "blue = %.2f, red = %.2f, grey = none", lo, hi), pad + plot / 2, pad + plot + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, pad, 30);
        g.dispose();
        return img;
    }

    /** Writes {@code frames} as an animated GIF that loops forever, {@code delayMs} per frame. */
    public static void gif(Path file, List<BufferedImage> frames, int delayMs) throws IOException {
        AtomicFiles.writeFile(file, tmp -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (BufferedImage frame : frames) {
                    ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(frame);
                    IIOMetadata meta = writer.getDefaultImageMetadata(type, writer.getDefaultWriteParam());
                    String format = meta.getNativeMetadataFormatName();
                    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                    IIOMetadataNode control = child(root, "GraphicControlExtension");
                    control.setAttribute("disposalMethod", "none");
                    control.setAttribute("userInputFlag", "FALSE");
                    control.setAttribute("transparentColorFlag", "FALSE");
                    control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
                    control.setAttribute("transparentColorIndex", "0");
                    IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = for ever
                    apps.appendChild(loop);
                    meta.setFromTree(format, root);
                    writer.writeToSequence(new IIOImage(frame, null, meta), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
