package io.kaml.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts as PNG, in one style: a chart alone, or several as one image in a grid (a chart
 * per action, say), since XChart draws one chart per image and its own grid needs every cell filled.
 */
final class ChartImages {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private ChartImages() {
    }

    static void style(Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            // Encoding into memory cannot fail on I/O; this would be an ImageIO bug.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param charts  of equal size, placed row by row
     * @param columns charts per row; the cells after the last chart stay white
     */
    static byte[] grid(List<? extends Chart<?, ?>> charts, int columns) {
        int width = charts.getFirst().getWidth();
        int height = charts.getFirst().getHeight();
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(width * Math.min(columns, charts.size()), height * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int k = 0; k < charts.size(); k++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(k)), (k % columns) * width, (k / columns) * height, null);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
