/**
 * Whole-image analysis: {@link org.facecensus.analysis.FaceAnalyzer} runs detect → landmarks → align →
 * classify with the components it is built with and returns typed, immutable results
 * ({@link org.facecensus.analysis.FaceAnalysis}, {@link org.facecensus.analysis.AnalyzedFace}). It depends
 * only on core's API and SPI, so a program that analyses images pulls no census, report or database code.
 */
package org.facecensus.analysis;
