package org.facecensus.census.report;

import org.facecensus.census.stats.Method;

/**
 * How the figures were made, as the statistics record it, and where the full numbers are.
 *
 * <p>Thread-safety: stateless.
 */
final class MethodSection extends ReportSection {
    MethodSection() {
        super("method", "Method", "Method");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        Method m = input.stats().method();
        out.append("<ul>\n");
        out.append("<li><b>Share:</b> ").append(Html.text(m.shares())).append(".</li>\n");
        out.append("<li><b>Intervals:</b> ").append(Html.text(m.interval())).append(".</li>\n");
        out.append("<li><b>Correction:</b> ").append(Html.text(m.correction())).append(".</li>\n");
        Method.Bootstrap b = m.bootstrap();
        out.append("<li><b>Bootstrap:</b> ").append(b.samples()).append(" resamples, seed ")
                .append(b.seed()).append("; unit: ").append(Html.text(b.unit()))
                .append("; ").append(Html.text(b.interval())).append(".</li>\n");
        out.append("<li><b>Figures:</b> the full numbers are in <code>stats.json</code> (schema <code>")
                .append(Html.text(input.stats().schema())).append("</code>).</li>\n");
        out.append("</ul>\n");
    }
}
