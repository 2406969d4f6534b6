/**
 * A polite, resumable, cached HTTP GET client: {@link org.facecensus.http.HttpFetcher} and its typed results
 * ({@link org.facecensus.http.Fetched}, {@link org.facecensus.http.Downloaded}) and errors
 * ({@link org.facecensus.http.HttpFetchException} with a {@link org.facecensus.http.FailureReason}).
 * {@code internal} holds the parts (per-host gate, robots.txt rules, disk cache) and is not API.
 */
package org.facecensus.http;
