/**
 * The census run: {@link org.facecensus.census.run.CensusRun} analyses a whole collection through a
 * {@code FaceAnalyzer}, parallel and resumable, writes its data files and ends with the
 * {@link org.facecensus.census.run.Summariser} step. {@link org.facecensus.census.Census} starts it.
 */
package org.facecensus.census.run;
