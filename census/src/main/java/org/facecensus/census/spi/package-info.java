/** The service interface of census engines (Apache Spark, ...): see {@link org.facecensus.census.spi.CensusEngine}. */
package org.facecensus.census.spi;
