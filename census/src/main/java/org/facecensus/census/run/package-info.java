/**
 * The census run: {@link org.facecensus.census.run.FacePipeline} for one image, and
 * {@link org.facecensus.census.run.CensusRun} for a whole collection, parallel and resumable, with
 * its data files and the {@link org.facecensus.census.run.Summariser} step at the end.
 */
package org.facecensus.census.run;
