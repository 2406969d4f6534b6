package org.facecensus.census.report;

/**
 * One section of {@code report.html}: its anchor, its link in the navigation, its heading and its
 * body. {@link HtmlReport} writes the {@code <section>} element, the heading and the navigation; a
 * section writes only what is under its heading, so changing one section touches one class.
 *
 * <p>Thread-safety: immutable; subclasses keep no state.
 */
abstract class ReportSection {
    private final String id;
    private final String navLabel;
    private final String heading;

    /**
     * @param id       the element id, also the navigation's link target
     * @param navLabel the link text in the navigation
     * @param heading  the section's heading (plain text)
     */
    ReportSection(String id, String navLabel, String heading) {
        this.id = id;
        this.navLabel = navLabel;
        this.heading = heading;
    }

    final String id() {
        return id;
    }

    final String navLabel() {
        return navLabel;
    }

    final String heading() {
        return heading;
    }

    /** Whether this report has the section at all; a section left out gets no link either. */
    boolean shown(ReportInput input) {
        return true;
    }

    /** Appends the section's HTML under its heading. */
    abstract void render(ReportInput input, StringBuilder out);
}
