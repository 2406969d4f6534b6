/**
 * Collection census: every item of a collection analysed into faces (detect → align → classify),
 * joined with its catalogue metadata, summarised into statistics with uncertainty, an HTML report
 * and SQL tables.
 *
 * <p>The folder tree follows the pipeline: {@code collection} (finding items, reading metadata,
 * parsing catalogue dates) → {@code run} (the resumable, parallel analysis and its output files) →
 * {@code stats} (shares, intervals, error-rate correction) → {@code report} (HTML) and {@code store}
 * (SQLite tables).
 */
package org.facecensus.census;
