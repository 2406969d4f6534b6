package org.facecensus.census.report;

import org.facecensus.census.stats.ByGender;
import org.facecensus.census.stats.ClassifierFigures;

/**
 * The classifier's measured error, from the evaluation file: accuracy, sensitivity, specificity and
 * the confusion matrix; or why there is none.
 *
 * <p>Thread-safety: stateless.
 */
final class ClassifierSection extends ReportSection {
    ClassifierSection() {
        super("classifier", "Classifier", "Classifier error");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        ClassifierFigures c = input.stats().classifier();
        if (c == null) {
            out.append("<p>No evaluation file was given: the classifier's error on labelled faces is unknown here, "
                    + "and no share is corrected. Make one with <code>facecensus gender evaluate --json FILE</code>."
                    + "</p>\n");
            return;
        }
        out.append("<p>Measured on labelled faces (evaluation file <code>").append(Html.text(c.source()))
                .append("</code>, classifier <code>").append(Html.text(c.name())).append("</code>). ")
                .append("Accuracy over decided predictions ").append(Html.percent(c.accuracy()))
                .append(" (95 % Wilson ").append(Html.interval(c.accuracyWilson95())).append("); sensitivity ")
                .append(Html.percent(c.sensitivity())).append(" (women called women), specificity ")
                .append(Html.percent(c.specificity())).append(" (men called men).</p>\n");
        out.append("<table class=\"narrow\"><thead><tr><th>true \\ predicted</th><th>female</th><th>male</th></tr>"
                + "</thead><tbody>\n");
        confusionRow(out, "female", c.confusion().female());
        confusionRow(out, "male", c.confusion().male());
        out.append("</tbody></table>\n");
    }

    private static void confusionRow(StringBuilder out, String truth, ByGender predicted) {
        out.append("<tr><th>").append(truth).append("</th><td>").append(Html.count(predicted.female()))
                .append("</td><td>").append(Html.count(predicted.male())).append("</td></tr>\n");
    }
}
