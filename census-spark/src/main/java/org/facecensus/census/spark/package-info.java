/** The census on Apache Spark: {@link org.facecensus.census.spark.SparkCensusEngine}. */
package org.facecensus.census.spark;
