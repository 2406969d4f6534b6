/**
 * A collection's items: the images under a folder, the catalogue (CSV, JSON Lines or .xlsx, with its
 * encoding, delimiter and column names detected or set by {@link org.facecensus.census.collection.CatalogueOptions})
 * and how the two are joined, and catalogue dates read into years.
 */
package org.facecensus.census.collection;
