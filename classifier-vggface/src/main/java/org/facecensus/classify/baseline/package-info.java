/**
 * Gender baselines to compare trained classifiers against: {@link
 * org.facecensus.classify.baseline.FisherfacesGenderClassifier} (OpenCV's Fisherfaces on grey,
 * aligned faces, with a Platt-calibrated probability). It trains on {@link
 * org.facecensus.classify.data.LabelledFace}s and is measured with {@link
 * org.facecensus.classify.eval.GenderEvaluation}.
 */
package org.facecensus.classify.baseline;
