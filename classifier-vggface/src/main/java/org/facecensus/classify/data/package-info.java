/**
 * Labelled face images for training and measuring gender classifiers: {@link
 * org.facecensus.classify.data.LabelledDataset} reads a folder ({@code labels.csv} or
 * {@code [split/]{male,female}/}) into {@link org.facecensus.classify.data.LabelledFace}s, reporting
 * each unreadable row as a {@link org.facecensus.classify.data.DataProblem}. Used by every trainer
 * (Fisherfaces, transfer heads) and by {@link org.facecensus.classify.eval.GenderEvaluation}.
 */
package org.facecensus.classify.data;
