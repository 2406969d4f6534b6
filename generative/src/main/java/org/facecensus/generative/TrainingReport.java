package org.facecensus.generative;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FaceModelTraining} did: the loss per epoch, the time, the reconstruction error on held-out faces
 * against the mean-face baseline, and the files written.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind             the model
 * @param latent           code length
 * @param size             picture side
 * @param trainFaces       faces trained on
 * @param testFaces        faces held out
 * @param epochLoss        mean training loss per epoch (AE: pixel MSE; VAE: per-face squared error + KL)
 * @param secondsPerEpoch  wall time of each epoch
 * @param testMse          held-out reconstruction MSE, pixels in [0, 1]
 * @param meanFaceMse      held-out MSE of always answering the training set's mean face
 * @param outputs          the pictures and files written
 */
public record TrainingReport(ModelKind kind, int latent, int size, int trainFaces, int testFaces, List<Double> epochLoss,
                             List<Double> secondsPerEpoch, double testMse, double meanFaceMse, List<Path> outputs) {
    public TrainingReport {
        epochLoss = List.copyOf(epochLoss);
        secondsPerEpoch = List.copyOf(secondsPerEpoch);
        outputs = List.copyOf(outputs);
    }
}
