package org.facecensus.census.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.io.AtomicFiles;

/**
 * Writes {@code report.html} into the output folder of a census run: one self-contained file. Charts
 * are PNGs (XChart) and gallery crops small JPEG thumbnails, all embedded as {@code data:} URIs; the
 * page loads nothing from anywhere (no scripts, fonts, style sheets or images outside it), so it can
 * be copied, mailed or archived alone.
 *
 * <p>The page is the navigation and then the {@link #SECTIONS}, each rendered by its own class from
 * the typed statistics: summary; decades (faces per decade by gender, share of women per decade,
 * observed and corrected, with intervals); the logistic trend by year and the comparisons of two
 * subsets; prominence (face area, central figures, size rank by gender); tags; composition and faces per item; description terms
 * by gender (when the statistics have them); a fixed-seed gallery of crops per predicted label; the
 * classifier's measured error; the run and its models; limitations written from this run's numbers;
 * method. The style sheet is the resource {@value #STYLE_SHEET}.
 *
 * <p>All catalogue and run text (titles, tags, ids, dates, file names) is HTML-escaped.
 *
 * <p>Thread-safety: stateless. Sets {@code java.awt.headless=true} when unset, as charts are drawn
 * off-screen.
 */
public final class HtmlReport {
    /** The file written into the output folder. */
    public static final String FILE_NAME = "report.html";
    /** The page's style sheet, a class-path resource next to this class, inlined into the page. */
    static final String STYLE_SHEET = "report.css";
    /** The sections in page order. */
    static final List<ReportSection> SECTIONS = List.of(new SummarySection(), new DecadesSection(),
            new TrendSection(), new ProminenceSection(), new TagsSection(), new CompositionSection(), new DescriptionsSection(), new GallerySection(),
            new ClassifierSection(), new RunSection(), new LimitationsSection(), new MethodSection());
    private static final String CSS = styleSheet();

    private HtmlReport() {
    }

    /**
     * @param outDir the run's output folder; crops are under {@code outDir/crops}, as the items' faces say
     * @param stats  what {@link org.facecensus.census.stats.CensusStatistics#compute} returned
     * @param items  the items the statistics were computed from (for the gallery and the failures)
     * @param run    how the run was made
     * @return the report file
     */
    public static Path write(Path outDir, CensusFigures stats, List<ItemRecord> items, RunInfo run) {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(run, "run");
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        String html = render(new ReportInput(outDir, stats, items, run));
        Path file = outDir.resolve(FILE_NAME);
        try {
            AtomicFiles.writeString(file, html);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot write the report " + file + ": " + e.getMessage()
                    + "; check that the output folder is writable and has space", e);
        }
        return file;
    }

    static String render(ReportInput input) {
        List<ReportSection> sections = SECTIONS.stream().filter(s -> s.shown(input)).toList();
        String collection = input.run().collection() == null || input.run().collection().isBlank()
                ? "collection" : input.run().collection();
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Face census: ").append(Html.text(collection)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        out.append("<h1>Face census: ").append(Html.text(collection)).append("</h1>\n");
        out.append("<p class=\"lede\">Who appears in this collection, as counted by face detection and gender "
                + "classification. Every share comes with its 95 % interval; read the limitations before quoting "
                + "a number.</p>\n");
        out.append("<nav>");
        for (ReportSection section : sections) {
            out.append("<a href=\"#").append(section.id()).append("\">").append(section.navLabel()).append("</a>");
        }
        out.append("</nav>\n");
        for (ReportSection section : sections) {
            out.append("<section id=\"").append(section.id()).append("\">\n<h2>").append(Html.text(section.heading()))
                    .append("</h2>\n");
            section.render(input, out);
            out.append("</section>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String styleSheet() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(STYLE_SHEET)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + STYLE_SHEET + " is missing next to "
                        + HtmlReport.class.getName() + "; the census jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + STYLE_SHEET, e);
        }
    }
}
