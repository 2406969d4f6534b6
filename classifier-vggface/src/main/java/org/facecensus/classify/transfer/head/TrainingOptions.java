package org.facecensus.classify.transfer.head;

import java.util.Arrays;
import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * Hyper-parameters of head training. The defaults are the study's head (256 → 64 → 1, ReLU, sigmoid,
 * binary cross-entropy, up to 100 epochs) trained with Adam, with an L2 penalty chosen on UTKFace's
 * training data only (mean accuracy over three seeded validation splits; see the README): 1e-2 for
 * the MLP (the study's 1e-4 let it overfit within 1-3 epochs), 0.1 for logistic regression.
 *
 * @param kind                 {@code MLP} (hidden layers {@code hidden}) or {@code LOGISTIC} (none)
 * @param hidden               hidden layer sizes of the MLP
 * @param epochs               the most passes over the training part
 * @param patience             stop when the validation loss has not improved for this many epochs
 *                             (the best epoch's weights are kept)
 * @param batchSize            mini-batch size
 * @param learningRate         Adam's step size
 * @param l2                   L2 penalty on weights (not biases), added to the gradient
 * @param validationFraction   share of each class held out of the training data for early stopping and
 *                             calibration (stratified, seeded)
 * @param balanceClasses       weight each class by {@code n / (2 n_class)} so an imbalanced set does not
 *                             push every uncertain face to the majority class
 * @param seed                 seeds the split, the initial weights and the batch order: the same data,
 *                             options and seed give the same head, bit for bit
 *
 * <p>Thread-safety: immutable.
 */
public record TrainingOptions(Kind kind, int[] hidden, int epochs, int patience, int batchSize, double learningRate,
                              double l2, double validationFraction, boolean balanceClasses, long seed) {

    /**
     * The head's architecture.
     *
     * <p>Thread-safety: immutable.
     */
    public enum Kind { MLP, LOGISTIC;

        public static Kind parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new FaceCensusException("Unknown head '" + text + "'; use mlp or logistic.");
            }
        }
    }

    public TrainingOptions {
        hidden = kind == Kind.LOGISTIC ? new int[0] : hidden.clone();
        if (epochs < 1 || patience < 1 || batchSize < 1) {
            throw new FaceCensusException("epochs, patience and batch size must be at least 1");
        }
        if (!(learningRate > 0) || !(l2 >= 0)) {
            throw new FaceCensusException("the learning rate must be positive and L2 not negative");
        }
        if (!(validationFraction > 0 && validationFraction < 0.5)) {
            throw new FaceCensusException("the validation fraction must be in (0, 0.5), got " + validationFraction);
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new FaceCensusException("hidden layer sizes must be positive: " + Arrays.toString(hidden));
            }
        }
    }

    /** The MLP's tuned L2 penalty (see the class comment). */
    public static final double MLP_L2 = 1e-2;
    /** Logistic regression's tuned L2 penalty (see the class comment). */
    public static final double LOGISTIC_L2 = 1e-1;

    /** The study's MLP: 256 → 64 → 1, 100 epochs, Adam 1e-3, batch 32, L2 {@value #MLP_L2}, 15 % validation, patience 20. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(Kind.MLP, new int[] {256, 64}, 100, 20, 32, 1e-3, MLP_L2, 0.15, true, 42);
    }

    /** The default options of one head kind: {@link #defaults()} with that kind's tuned learning rate and L2. */
    public static TrainingOptions defaults(Kind k) {
        return defaults().withKind(k).withL2(k == Kind.MLP ? MLP_L2 : LOGISTIC_L2);
    }

    public TrainingOptions withKind(Kind k) {
        return new TrainingOptions(k, k == Kind.MLP && hidden.length == 0 ? new int[] {256, 64} : hidden, epochs,
                patience, batchSize, learningRate, l2, validationFraction, balanceClasses, seed);
    }

    public TrainingOptions withSeed(long s) {
        return new TrainingOptions(kind, hidden, epochs, patience, batchSize, learningRate, l2, validationFraction,
                balanceClasses, s);
    }

    public TrainingOptions withEpochs(int e) {
        return new TrainingOptions(kind, hidden, e, patience, batchSize, learningRate, l2, validationFraction,
                balanceClasses, seed);
    }

    public TrainingOptions withL2(double penalty) {
        return new TrainingOptions(kind, hidden, epochs, patience, batchSize, learningRate, penalty, validationFraction,
                balanceClasses, seed);
    }

    public TrainingOptions withLearningRate(double rate) {
        return new TrainingOptions(kind, hidden, epochs, patience, batchSize, rate, l2, validationFraction,
                balanceClasses, seed);
    }

    public TrainingOptions withHidden(int... sizes) {
        return new TrainingOptions(kind, sizes, epochs, patience, batchSize, learningRate, l2, validationFraction,
                balanceClasses, seed);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The layer sizes for {@code inputs} features. */
    public int[] layerSizes(int inputs) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = 1;
        return sizes;
    }
}
