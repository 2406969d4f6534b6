package org.facecensus.census.report;

/**
 * The limitations of this run's numbers, one list item per paragraph of {@link Limitations}.
 *
 * <p>Thread-safety: stateless.
 */
final class LimitationsSection extends ReportSection {
    LimitationsSection() {
        super("limitations", "Limitations", "Limitations of these numbers");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        out.append("<ul class=\"limits\">\n");
        for (String paragraph : Limitations.of(input.stats(), input.items(), input.run().detector())) {
            out.append("<li>").append(Html.text(paragraph)).append("</li>\n");
        }
        out.append("</ul>\n");
    }
}
