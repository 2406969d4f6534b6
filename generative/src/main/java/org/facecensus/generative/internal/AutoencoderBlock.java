package org.facecensus.generative.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.facecensus.generative.ModelKind;

/**
 * The convolutional autoencoder and VAE. The encoder halves the picture with stride-2 3×3 convolutions (16, 32, 64,
 * 128 channels at 64×64, no batch norm: with it, training on the CPU went to NaN now and then) down to 4×4, then a linear layer gives the code (AE: {@code latent} values through tanh; VAE: a
 * mean and a log-variance each). The decoder mirrors it; PyTorch's DJL engine has no transposed convolution, so each
 * step up is a nearest-neighbour ×2 upsampling followed by a 3×3 convolution. The output goes through a sigmoid:
 * pixels in [0, 1].
 *
 * <p>Forward returns {@code (reconstruction, code)} for the AE and {@code (reconstruction, mean, logVariance)} for the
 * VAE; in training the VAE decodes {@code mean + exp(logVariance / 2) * N(0, 1)} (the reparameterisation), otherwise
 * the mean.
 *
 * <p>Thread-safety: not thread-safe (DJL blocks are not).
 */
public final class AutoencoderBlock extends AbstractBlock {
    /** Channels of the first convolution; each step down doubles them (at most 256). */
    static final int BASE_WIDTH = 16;
    private final ModelKind kind;
    private final int latent;
    private final int size;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    public AutoencoderBlock(ModelKind kind, int latent, int size) {
        this.kind = kind;
        this.latent = latent;
        this.size = size;
        int steps = Integer.numberOfTrailingZeros(size / 4);
        SequentialBlock enc = new SequentialBlock();
        int[] widths = new int[steps];
        for (int i = 0; i < steps; i++) {
            widths[i] = Math.min(BASE_WIDTH << i, 256);
            enc.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                    .setFilters(widths[i]).build());
            enc.add(Activation.leakyReluBlock(0.2f));
        }
        final int top = widths[steps - 1];
        enc.add(Blocks.batchFlattenBlock());
        enc.add(Linear.builder().setUnits(kind == ModelKind.VAE ? 2L * latent : latent).build());
        this.encoder = addChildBlock("encoder", enc);

        // The decoder mirrors the widths; its last step goes straight to the 3 colour channels, because a full-size
        // convolution with many channels would cost more than the rest of the network together.
        SequentialBlock dec = new SequentialBlock();
        dec.add(Linear.builder().setUnits((long) top * 16).build());
        dec.add(Activation.reluBlock());
        dec.add(LambdaBlock.singleton(x -> x.reshape(-1, top, 4, 4), "reshape"));
        for (int i = steps - 2; i >= -1; i--) {
            dec.add(LambdaBlock.singleton(AutoencoderBlock::upsample2x, "upsample2x"));
            dec.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(i >= 0 ? widths[i] : 3).build());
            if (i >= 0) {
                dec.add(Activation.reluBlock());
            }
        }
        dec.add(Activation.sigmoidBlock());
        this.decoder = addChildBlock("decoder", dec);
    }

    /**
     * Nearest-neighbour ×2 upsampling as a broadcast: {@code (n, c, h, 1, w, 1)} expanded to {@code (n, c, h, 2, w, 2)}.
     * Its gradient is a plain sum over each 2×2 block.
     */
    static NDArray upsample2x(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(new Shape(n, c, h, 2, w, 2)).reshape(n, c, 2 * h, 2 * w);
    }

    public ModelKind kind() {
        return kind;
    }

    public int latent() {
        return latent;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = encoder.forward(ps, inputs, training, params).singletonOrThrow();
        if (kind == ModelKind.AE) {
            NDArray code = h.tanh();
            return new NDList(decoder.forward(ps, new NDList(code), training, params).singletonOrThrow(), code);
        }
        NDArray mean = h.get(":, :" + latent);
        NDArray logVar = h.get(":, " + latent + ":");
        NDArray z = mean;
        if (training) {
            NDArray eps = h.getManager().randomNormal(mean.getShape());
            z = mean.add(logVar.mul(0.5f).exp().mul(eps));
        }
        return new NDList(decoder.forward(ps, new NDList(z), training, params).singletonOrThrow(), mean, logVar);
    }

    /** Decodes codes {@code (n, latent)} to pictures {@code (n, 3, size, size)}, outside training. */
    public NDArray decode(ParameterStore ps, NDArray codes) {
        return decoder.forward(ps, new NDList(codes), false).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        Shape picture = new Shape(n, 3, size, size);
        Shape code = new Shape(n, latent);
        return kind == ModelKind.AE ? new Shape[] {picture, code} : new Shape[] {picture, code, code};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        decoder.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latent));
    }
}
