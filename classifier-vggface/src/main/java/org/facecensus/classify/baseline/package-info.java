/**
 * Gender baselines to compare trained classifiers against: {@link
 * org.facecensus.classify.baseline.FisherfacesGenderClassifier} (OpenCV's Fisherfaces on grey,
 * aligned faces, with a Platt-calibrated probability), and the small evaluation helpers that
 * report accuracy per group with Wilson intervals.
 */
package org.facecensus.classify.baseline;
