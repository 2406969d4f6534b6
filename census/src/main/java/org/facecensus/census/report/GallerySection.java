package org.facecensus.census.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.facecensus.classify.Gender;

/**
 * A fixed-seed sample of face crops per predicted label ({@link Gallery}), embedded as thumbnails,
 * for auditing the classifier by eye.
 *
 * <p>Thread-safety: stateless.
 */
final class GallerySection extends ReportSection {
    GallerySection() {
        super("gallery", "Gallery", "Gallery for auditing");
    }

    @Override
    void render(ReportInput input, StringBuilder out) {
        out.append("<p>A fixed sample (seed ").append(Gallery.SEED).append(") of up to ").append(Gallery.PER_LABEL)
                .append(" crops per predicted label, captioned with the item id and the classifier's probability "
                        + "of the label (for faces without a label: of the more likely one). Look for systematic mistakes: they are what the correction cannot see. "
                        + "Thumbnails are embedded in this file.</p>\n");
        Map<Gender, Gallery.Sample> samples = Gallery.sample(input.outDir(), input.items());
        for (Gender g : List.of(Gender.FEMALE, Gender.MALE, Gender.UNKNOWN)) {
            Gallery.Sample sample = samples.get(g);
            String name = switch (g) {
                case FEMALE -> "Labelled women";
                case MALE -> "Labelled men";
                default -> "No label";
            };
            out.append("<h3>").append(name).append(" <span class=\"muted\">(").append(sample.tiles().size())
                    .append(" of ").append(Html.count(sample.candidates())).append(" crops")
                    .append(sample.unreadable() > 0 ? ", " + sample.unreadable() + " crop files missing or unreadable" : "")
                    .append(")</span></h3>\n");
            if (sample.tiles().isEmpty()) {
                out.append("<p class=\"note\">None.</p>\n");
                continue;
            }
            out.append("<div class=\"gallery ").append(g.name().toLowerCase(Locale.ROOT)).append("\">\n");
            for (Gallery.Tile tile : sample.tiles()) {
                figure(out, tile);
            }
            out.append("</div>\n");
        }
    }

    private static void figure(StringBuilder out, Gallery.Tile tile) {
        double p = tile.face().probability();
        out.append("<figure title=\"").append(Html.text(tile.title())).append("\"><img src=\"")
                .append(tile.dataUri()).append("\" alt=\"face ").append(tile.face().faceIndex())
                .append(" of ").append(Html.text(tile.face().itemId())).append("\"><figcaption>")
                .append(Html.text(tile.face().itemId())).append(" #").append(tile.face().faceIndex())
                .append("<br>").append(Double.isFinite(p) ? String.format(Locale.ROOT, "p = %.2f", p) : "p = –")
                .append("</figcaption></figure>\n");
    }
}
