/**
 * Labelling a census's faces in a local web app ({@code facecensus label}): {@link
 * org.facecensus.label.CensusFolder} reads the census, {@link org.facecensus.label.LabelStore} keeps the
 * append-only {@code labels.jsonl}, {@link org.facecensus.label.CardOrder} mixes a seeded random audit
 * stream with the classifier's least sure faces, {@link org.facecensus.label.LabelServer} serves the
 * page and its API on 127.0.0.1, and {@link org.facecensus.label.LabelExport} writes the labels for
 * {@code facecensus gender train|evaluate}.
 *
 * <p>Exploring a census ({@code facecensus explore}): {@link org.facecensus.label.ExploreServer} serves the
 * explorer page and its API on the same local server machinery ({@code LocalServer}: loopback, token, Host
 * check, page files from the class path), computing the census statistics of the filtered items.
 */
package org.facecensus.label;
