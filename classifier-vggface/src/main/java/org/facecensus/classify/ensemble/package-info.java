/**
 * The two-model filter of the K-pop gender study: a face keeps its gender label only when two
 * independent classifiers agree on it confidently, and {@link
 * org.facecensus.classify.ensemble.EnsembleEvaluation} measures what that costs and buys on
 * labelled faces.
 */
package org.facecensus.classify.ensemble;
