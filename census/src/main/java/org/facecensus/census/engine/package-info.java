/** Running a census on an engine other than this machine's threads: the job, the analyzer recipe, the lookup. */
package org.facecensus.census.engine;
