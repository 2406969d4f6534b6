/**
 * A collection's items: the images under a folder, the catalogue (CSV or JSON Lines) and how the
 * two are joined, and catalogue dates read into years.
 */
package org.facecensus.census.collection;
