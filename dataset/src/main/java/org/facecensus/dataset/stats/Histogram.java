package org.facecensus.dataset.stats;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of values in equal bins, drawn with Java2D (the page needs two small charts, not a charting library).
 *
 * <p>Thread-safety: stateless.
 */
final class Histogram {
    private Histogram() {
    }

    /** Counts of {@code values} in {@code bins} equal bins over [lo, hi]; values outside go to the end bins. */
    static int[] counts(List<Double> values, double lo, double hi, int bins) {
        int[] c = new int[bins];
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
            c[Math.max(0, Math.min(bins - 1, b))]++;
        }
        return c;
    }

    static BufferedImage draw(String title, int[] counts, double lo, double hi, String xLabel) {
        int w = 560;
        int h = 300;
        int left = 50;
        int bottom = 40;
        int top = 30;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        int plotW = w - left - 20;
        int plotH = h - top - bottom;
        double barW = plotW / (double) counts.length;
        g.setColor(new Color(70, 110, 170));
        for (int i = 0; i < counts.length; i++) {
            int bh = (int) Math.round(counts[i] / (double) max * plotH);
            g.fillRect(left + (int) Math.round(i * barW) + 1, top + plotH - bh, Math.max(1, (int) Math.round(barW) - 2), bh);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int t = 0; t <= 4; t++) {
            double x = lo + (hi - lo) * t / 4;
            String s = hi - lo > 10 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
            int px = left + (int) Math.round(plotW * t / 4.0);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, top + plotH + 15);
        }
        g.drawString(Integer.toString(max), 5, top + 10);
        g.drawString("0", 30, top + plotH);
        g.drawString(xLabel, left + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, h - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, left, 18);
        g.dispose();
        return img;
    }
}
