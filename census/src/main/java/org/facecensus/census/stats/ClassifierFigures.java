package org.facecensus.census.stats;

/**
 * The classifier's measured error used for the correction, as the report and {@code stats.json}
 * show it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name             the classifier's name in the evaluation file
 * @param source           the evaluation file, and what it was measured on
 * @param confusion        true label → predicted label counts over decided predictions
 * @param decidedWomen     women with a decided prediction
 * @param decidedMen       men with a decided prediction
 * @param sensitivity      women predicted female, of decided women
 * @param specificity      men predicted male, of decided men
 * @param accuracy         right predictions, of decided ones
 * @param accuracyWilson95 the accuracy's Wilson interval
 */
public record ClassifierFigures(String name, String source, Confusion confusion, long decidedWomen,
                                long decidedMen, Double sensitivity, Double specificity, Double accuracy,
                                ShareInterval accuracyWilson95) {

    /**
     * The confusion matrix: rows the true label, columns the prediction.
     *
     * <p>Thread-safety: immutable.
     *
     * @param female the predictions for women
     * @param male   the predictions for men
     */
    public record Confusion(ByGender female, ByGender male) {
    }
}
