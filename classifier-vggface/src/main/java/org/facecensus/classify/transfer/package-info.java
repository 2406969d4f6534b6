/**
 * Gender classification by transfer learning: a frozen face-embedding backbone (the built-in
 * ResNet descriptor, or a user-supplied VGG-Face ONNX file) with a small head trained in Java,
 * calibrated, with an abstain band. Entry points: {@link org.facecensus.classify.transfer.TransferGenderClassifier#open}
 * to apply a head file, {@link org.facecensus.classify.transfer.GenderHeadTraining} to train one,
 * {@link org.facecensus.classify.eval.GenderEvaluation} to measure it.
 */
package org.facecensus.classify.transfer;
