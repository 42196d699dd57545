package dev.headroom.examples.drill;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws a step's timeline as an inline SVG line chart: seconds from the start on the x axis, values
 * from zero on the y axis, labelled grid lines, a legend, and gaps where a value is {@code NaN}.
 */
final class SvgChart {

    /**
     * One line of a chart.
     *
     * @param label legend text
     * @param colour CSS colour of the stroke
     * @param value the plotted value of a timeline point; {@code NaN} leaves a gap
     */
    record Line(String label, String colour, ToDoubleFunction<TimelinePoint> value) {}

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final int Y_TICKS = 4;
    private static final int MAX_X_TICKS = 10;
    private static final int LEGEND_WIDTH = 110;

    private SvgChart() {}

    /** An SVG element charting {@code lines} over {@code points}, titled {@code title}. */
    static String render(String title, List<TimelinePoint> points, List<Line> lines) {
        double highest = 0;
        for (Line line : lines) {
            for (TimelinePoint point : points) {
                double value = line.value().applyAsDouble(point);
                if (Double.isFinite(value)) {
                    highest = Math.max(highest, value);
                }
            }
        }
        double yStep = niceCeiling(highest / Y_TICKS);
        long yTicks = Math.max(1, (long) Math.ceil(highest / yStep));
        double yMax = yStep * yTicks;
        long xMax = Math.max(1L, points.size() - 1L);
        long xStep = Math.max(1, (long) Math.ceil(niceCeiling((double) xMax / MAX_X_TICKS)));
        double bottom = HEIGHT - BOTTOM;

        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
                .append(" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                        + "\"")
                .append(" role=\"img\" aria-label=\"" + Html.escape(title) + "\">\n")
                .append(text(LEFT, 18, "start", "class=\"title\"", title));
        for (long tick = 0; tick <= yTicks; tick++) {
            double y = yOf(tick * yStep, yMax);
            svg.append(line(LEFT, y, WIDTH - RIGHT, y, "class=\"grid\""))
                    .append(text(LEFT - 6, y + 4, "end", "", label(tick * yStep)));
        }
        for (long second = 0; second <= xMax; second += xStep) {
            double x = xOf(second, xMax);
            svg.append(line(x, bottom, x, bottom + 5, "class=\"axis\""))
                    .append(text(x, bottom + 18, "middle", "", Long.toString(second)));
        }
        svg.append(line(LEFT, TOP, LEFT, bottom, "class=\"axis\""))
                .append(line(LEFT, bottom, WIDTH - RIGHT, bottom, "class=\"axis\""))
                .append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 4, "middle", "", "seconds from start"));
        for (int i = 0; i < lines.size(); i++) {
            Line series = lines.get(i);
            String stroke = "stroke=\"" + Html.escape(series.colour()) + "\" stroke-width=\"2\"";
            double legendX = WIDTH - RIGHT - LEGEND_WIDTH * (lines.size() - i);
            svg.append(plot(series, points, xMax, yMax))
                    .append(line(legendX, 14, legendX + 16, 14, stroke))
                    .append(text(legendX + 20, 18, "start", "", series.label()));
        }
        return svg.append("</svg>\n").toString();
    }

    /** A path through the line's points, restarting after each gap, and a dot on each point. */
    private static String plot(Line line, List<TimelinePoint> points, long xMax, double yMax) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        boolean gap = true;
        for (int i = 0; i < points.size(); i++) {
            double value = line.value().applyAsDouble(points.get(i));
            if (!Double.isFinite(value)) {
                gap = true;
                continue;
            }
            String x = number(xOf(i, xMax));
            String y = number(yOf(value, yMax));
            path.append(gap ? (path.length() == 0 ? "M" : " M") : " L")
                    .append(x)
                    .append(' ')
                    .append(y);
            dots.append("<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"2\"/>");
            gap = false;
        }
        String colour = Html.escape(line.colour());
        return "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"/>" + "<g fill=\""
                + colour + "\">" + dots + "</g>\n";
    }

    private static String line(double x1, double y1, double x2, double y2, String attributes) {
        return "<line x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" + number(y2)
                + "\" " + attributes + "/>";
    }

    /** A text element whose content is escaped. */
    private static String text(double x, double y, String anchor, String attributes, String content) {
        return "<text x=\"" + number(x) + "\" y=\"" + number(y) + "\" text-anchor=\"" + anchor + "\""
                + (attributes.isEmpty() ? "" : " " + attributes) + ">" + Html.escape(content) + "</text>\n";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static double xOf(long x, long xMax) {
        return LEFT + (double) x * (WIDTH - LEFT - RIGHT) / xMax;
    }

    private static double yOf(double y, double yMax) {
        return HEIGHT - BOTTOM - y * (HEIGHT - TOP - BOTTOM) / yMax;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value} (1 if none). */
    static double niceCeiling(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        double fraction = value / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String label(double value) {
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
