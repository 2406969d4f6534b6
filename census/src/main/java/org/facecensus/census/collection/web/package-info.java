/**
 * Collections read from the web: {@link org.facecensus.census.collection.web.UrlList} (a catalogue with a
 * {@code url} column) and {@link org.facecensus.census.collection.web.IiifSource} (IIIF Presentation 2.1 / 3.0
 * manifests and collections, images through the Image API at a chosen size), fetched with
 * {@link org.facecensus.http.HttpFetcher}.
 */
package org.facecensus.census.collection.web;
