package org.facecensus.classify.baseline;

import org.facecensus.FaceCensusException;

/**
 * How {@link FisherfacesGenderClassifier} prepares faces and splits its training data.
 *
 * @param size               faces are resized to {@code size × size} grey pixels
 * @param equalize           whether to equalise each face's grey histogram (OpenCV {@code equalizeHist})
 * @param centreCrop         the central fraction of the aligned crop kept before resizing (1 = all of it);
 *                           aligned crops often carry hair and background the projection should ignore
 * @param validationFraction share of each gender held out of the Fisherfaces fit to fit the Platt
 *                           calibration of its projection
 * @param seed               seed of the stratified split
 *
 * <p>Thread-safety: immutable.
 */
public record FisherfacesSettings(int size, boolean equalize, double centreCrop, double validationFraction, long seed) {

    /**
     * The settings chosen on a validation split of UTKFace's training faces (never its test faces):
     * see classifier-vggface/BASELINES.md for the grid and its validation accuracies.
     */
    public static final FisherfacesSettings DEFAULT = new FisherfacesSettings(20, true, 1.0, 0.2, 20240501L);

    public FisherfacesSettings {
        if (size < 8 || size > 512) {
            throw new FaceCensusException("Fisherfaces face size must be between 8 and 512 pixels, got " + size
                    + "; 32 to 100 is the useful range.");
        }
        if (!(centreCrop > 0.2 && centreCrop <= 1)) {
            throw new FaceCensusException("centreCrop must be in (0.2, 1], got " + centreCrop);
        }
        if (!(validationFraction > 0 && validationFraction < 0.9)) {
            throw new FaceCensusException("validationFraction must be in (0, 0.9), got " + validationFraction
                    + "; the calibration needs held-out faces.");
        }
    }

    public FisherfacesSettings withSize(int newSize) {
        return new FisherfacesSettings(newSize, equalize, centreCrop, validationFraction, seed);
    }

    public FisherfacesSettings withEqualize(boolean newEqualize) {
        return new FisherfacesSettings(size, newEqualize, centreCrop, validationFraction, seed);
    }

    public FisherfacesSettings withCentreCrop(double newCentreCrop) {
        return new FisherfacesSettings(size, equalize, newCentreCrop, validationFraction, seed);
    }
}
