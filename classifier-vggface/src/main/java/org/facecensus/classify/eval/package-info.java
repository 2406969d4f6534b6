/**
 * Measuring a gender classifier on labelled faces: {@link org.facecensus.classify.eval.GenderEvaluation}
 * (accuracy, coverage, confusion, ROC-AUC, calibration error, accuracy per group with Wilson intervals),
 * and {@link org.facecensus.classify.eval.GenderEvaluationFile}, the evaluation file read back as a record.
 */
package org.facecensus.classify.eval;
