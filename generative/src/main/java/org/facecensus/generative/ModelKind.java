package org.facecensus.generative;

import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * The generative models {@code dataset train} fits.
 *
 * <p>Thread-safety: immutable.
 */
public enum ModelKind {
    /** A convolutional autoencoder; its bottleneck goes through tanh, so every code lies in (-1, 1). */
    AE,
    /** A variational autoencoder: a Gaussian code per face, a KL term towards N(0, I), reparameterised sampling. */
    VAE;

    /** Parses {@code ae} or {@code vae}; {@code gan} is named as not built yet. */
    public static ModelKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("gan")) {
            throw new FaceCensusException("--model gan (a small DCGAN) is not built yet; use ae or vae.");
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("--model takes ae or vae; got '" + text + "'.");
        }
    }
}
