/**
 * Face / not-a-face verification: a second opinion on each detected face, so that false faces (hands,
 * hats, ornaments, text) do not enter a census. {@link org.facecensus.verify.FaceVerifier} is the SPI;
 * {@link org.facecensus.analysis.FaceAnalyzer.Builder#verifier} puts one between alignment and
 * classification.
 */
package org.facecensus.verify;
