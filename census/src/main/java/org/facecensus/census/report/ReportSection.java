package org.facecensus.census.report;

/**
 * One section of {@code report.html}: its anchor, its link in the navigation, its heading and its
 * body. {@link HtmlReport} writes the {@code <section>} element, the heading and the navigation; a
 * section writes only what is under its heading, so changing one section touches one class.
 *
 * <p>Thread-safety: implementations are stateless.
 */
interface ReportSection {
    /** The element id, also the navigation's link target. */
    String id();

    /** The link text in the navigation. */
    String navLabel();

    /** The section's heading (plain text). */
    String heading();

    /** Whether this report has the section at all; a section left out gets no link either. */
    default boolean shown(ReportInput input) {
        return true;
    }

    /** Appends the section's HTML under its heading. */
    void render(ReportInput input, StringBuilder out);
}
