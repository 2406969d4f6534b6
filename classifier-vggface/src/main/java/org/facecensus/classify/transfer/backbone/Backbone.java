package org.facecensus.classify.transfer.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.facecensus.FaceCensus;
import org.facecensus.align.AlignedFace;
import org.facecensus.classify.FaceEmbedder;
import org.facecensus.image.ImageOps;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.spi.ProviderContext;

/**
 * A frozen feature extractor ("the CNN with its head cut off") plus the way faces are presented to
 * it ({@link BackboneConfig}): centre crop and mirror averaging.
 *
 * <p>Thread-safety: thread-safe when the underlying embedder is (all FaceCensus embedders are).
 * {@link #close()} closes the embedder.
 */
public final class Backbone implements AutoCloseable {
    private final BackboneConfig config;
    private final FaceEmbedder embedder;

    public Backbone(BackboneConfig config, FaceEmbedder embedder) {
        this.config = Objects.requireNonNull(config, "config");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /**
     * Opens the backbone a config names: a user-supplied ONNX file, an embedder provider, or several
     * providers joined by {@code +} (a {@link CompositeEmbedder}: their vectors concatenated).
     */
    public static Backbone open(BackboneConfig config, ProviderContext context) {
        if (config.file() != null) {
            return new Backbone(config, new OnnxFeatureExtractor(config.spec(), config.file(), context.device()));
        }
        List<String> names = config.partNames();
        if (names.size() == 1) {
            return new Backbone(config, FaceCensus.defaults().withContext(context).createFaceEmbedder(names.get(0)));
        }
        List<FaceEmbedder> parts = new ArrayList<>();
        try {
            for (String n : names) {
                parts.add(FaceCensus.defaults().withContext(context).createFaceEmbedder(n));
            }
        } catch (RuntimeException e) {
            parts.forEach(FaceEmbedder::close);
            throw e;
        }
        return new Backbone(config, new CompositeEmbedder(parts));
    }

    public BackboneConfig config() {
        return config;
    }

    /**
     * For a composite backbone, one backbone per part, each with the same presentation and sharing this one's
     * networks (closing them closes nothing; close this one): the composite's features are the parts'
     * features concatenated, since mirror-averaging acts value by value. Empty for a single network.
     */
    public List<Backbone> parts() {
        if (!(embedder instanceof CompositeEmbedder composite)) {
            return List.of();
        }
        List<Backbone> out = new ArrayList<>();
        for (FaceEmbedder part : composite.parts()) {
            BackboneConfig partConfig = BackboneConfig.provider(part.name()).withCropFraction(config.cropFraction())
                    .withFlipAverage(config.flipAverage());
            out.add(new Backbone(partConfig, new Unowned(part)));
        }
        return out;
    }

    /** A part of a composite, seen as an embedder whose close() leaves the network to the composite. */
    private record Unowned(FaceEmbedder delegate) implements FaceEmbedder {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public float[] embed(AlignedFace face) {
            return delegate.embed(face);
        }

        @Override
        public List<float[]> embedAll(List<AlignedFace> faces) {
            return delegate.embedAll(faces);
        }

        @Override
        public List<ModelInfo> models() {
            return delegate.models();
        }

        @Override
        public void close() {
            // the composite closes its parts
        }
    }

    public FaceEmbedder embedder() {
        return embedder;
    }

    public List<ModelInfo> models() {
        return embedder.models();
    }

    /** The models' digests joined with '+', identifying the weights (part of the cache key and provenance). */
    public String weightsSha256() {
        return models().stream().map(ModelInfo::sha256).collect(Collectors.joining("+"));
    }

    /** Identifies these features exactly: backbone, weights, presentation (the embedding cache's key). */
    public String featureKey() {
        return config.name() + " " + weightsSha256() + " " + (config.spec() == null ? "" : config.spec().describe() + " ")
                + config.presentation();
    }

    /** The features of aligned face crops, in order (batched). */
    public List<float[]> features(List<RgbImage> crops) {
        List<AlignedFace> faces = new ArrayList<>(crops.size() * (config.flipAverage() ? 2 : 1));
        for (RgbImage crop : crops) {
            RgbImage presented = centreCrop(crop, config.cropFraction());
            faces.add(wrap(presented));
            if (config.flipAverage()) {
                faces.add(wrap(mirror(presented)));
            }
        }
        List<float[]> all = embedder.embedAll(faces);
        if (!config.flipAverage()) {
            return all;
        }
        List<float[]> out = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            float[] a = all.get(2 * i);
            float[] b = all.get(2 * i + 1);
            float[] m = new float[a.length];
            for (int j = 0; j < a.length; j++) {
                m[j] = (a[j] + b[j]) / 2;
            }
            out.add(m);
        }
        return out;
    }

    private static AlignedFace wrap(RgbImage crop) {
        return AlignedFace.ofCrop(crop);
    }

    /** The centred square that is {@code fraction} of the shorter side. */
    static RgbImage centreCrop(RgbImage image, double fraction) {
        if (fraction >= 1 && image.width() == image.height()) {
            return image;
        }
        int side = Math.max(1, (int) Math.round(Math.min(image.width(), image.height()) * fraction));
        int x = (image.width() - side) / 2;
        int y = (image.height() - side) / 2;
        return ImageOps.crop(image, x, y, side, side, 0);
    }

    static RgbImage mirror(RgbImage image) {
        int w = image.width();
        int h = image.height();
        byte[] src = image.toByteArray();
        byte[] dst = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(src, (y * w + x) * 3, dst, (y * w + (w - 1 - x)) * 3, 3);
            }
        }
        return RgbImage.of(w, h, dst);
    }

    @Override
    public void close() {
        embedder.close();
    }
}
