package org.facecensus.classify.faceapi;

import org.facecensus.classify.FaceEmbedder;
import org.facecensus.spi.FaceEmbedderProvider;
import org.facecensus.spi.ProviderContext;

/**
 * {@code resnet-descriptor}: face-api.js' FaceRecognitionNet (MIT), a 128-d face descriptor,
 * converted to ONNX on first use.
 *
 * <p>Thread-safety: stateless.
 */
public final class ResnetDescriptorProvider implements FaceEmbedderProvider {
    @Override
    public String name() {
        return ResnetDescriptorEmbedder.NAME;
    }

    @Override
    public String description() {
        return "face-api.js FaceRecognitionNet (MIT; ResNet-34 port of dlib's), 128-d descriptor from a 150x150"
                + " crop; TF.js weights converted to ONNX on first use";
    }

    @Override
    public int priority() {
        // The only built-in embedder.
        return 50;
    }

    @Override
    public FaceEmbedder create(ProviderContext context) {
        return new ResnetDescriptorEmbedder(context.models(), context.device());
    }
}
