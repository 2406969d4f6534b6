package org.facecensus.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the AE and the VAE for a few epochs on 96 real faces at 32×32 (seconds on a CPU): the loss must go down, and
 * every picture must be written and readable, the traversal GIF with one frame per grid point and the loop extension.
 */
class FaceModelTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void autoencoderLearnsAndWritesItsPictures() throws IOException {
        Path data = TinyDataset.make(tmp.resolve("data"), 96, 32);
        Path out = tmp.resolve("ae");
        TrainingReport r = FaceModelTraining.builder().dataset(data).out(out).kind(ModelKind.AE).latent(2).size(32)
                .epochs(4).batch(16).grid(5).threads(2).build().run();
        assertEquals(4, r.epochLoss().size());
        assertTrue(r.epochLoss().get(3) < r.epochLoss().get(0), "loss goes down: " + r.epochLoss());
        assertTrue(r.testMse() > 0 && r.testMse() < 0.2, "held-out MSE of pixels in [0, 1]: " + r.testMse());
        assertTrue(r.meanFaceMse() > 0, "baseline: " + r.meanFaceMse());
        BufferedImage sheet = ImageIO.read(out.resolve("reconstructions.png").toFile());
        assertEquals(2 * 32 * 2, sheet.getHeight(), "originals over reconstructions, drawn at 2x");
        assertEquals(640, ImageIO.read(out.resolve("latent-female.png").toFile()).getHeight());
        assertTrue(Files.size(out.resolve("model-0000.params")) > 10_000);
        assertGif(out.resolve("traversal.gif"), 25);
        assertTrue(Files.readString(out.resolve("training.json")).contains("\"testMse\""));
    }

    @Test
    void vaeLearnsAndWritesSamples() throws IOException {
        Path data = TinyDataset.make(tmp.resolve("data"), 96, 32);
        Path out = tmp.resolve("vae");
        TrainingReport r = FaceModelTraining.builder().dataset(data).out(out).kind(ModelKind.VAE).latent(4).size(32)
                .epochs(4).batch(16).grid(4).samples(20).threads(2).build().run();
        assertTrue(r.epochLoss().get(3) < r.epochLoss().get(0), "loss goes down: " + r.epochLoss());
        assertEquals(20, TinyDataset.files(out.resolve("samples")));
        BufferedImage sample = ImageIO.read(out.resolve("samples/sample-0000.png").toFile());
        assertEquals(32, sample.getWidth());
        assertGif(out.resolve("traversal.gif"), 16);
    }

    /** An animated GIF with {@code frames} frames that loops for ever (NETSCAPE2.0, count 0). */
    static void assertGif(Path gif, int frames) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertEquals(frames, reader.getNumImages(true));
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            byte[] loop = (byte[]) app.getUserObject();
            assertEquals(0, (loop[1] & 0xff) | (loop[2] & 0xff) << 8, "loops for ever");
        } finally {
            reader.dispose();
        }
    }
}
