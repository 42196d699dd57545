package dev.headroom.examples.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void roundsScalesUpToOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(Double.NaN)).isEqualTo(1);
        assertThat(SvgChart.niceCeiling(0.12)).isCloseTo(0.2, within(1e-12));
        assertThat(SvgChart.niceCeiling(3)).isEqualTo(5);
        assertThat(SvgChart.niceCeiling(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeiling(100)).isEqualTo(100);
    }

    @Test
    void leavesAGapWhereAValueIsMissingAndEscapesLabels() {
        List<TimelinePoint> points = List.of(
                new TimelinePoint(0, 10, 1.0, 4.0, 0),
                new TimelinePoint(1, 0, Double.NaN, Double.NaN, 0),
                new TimelinePoint(2, 12, 2.0, 8.0, 1));

        String svg = SvgChart.render(
                "latency <ms>", points, List.of(new SvgChart.Line("<p50>", "#123456", TimelinePoint::p50Ms)));

        assertThat(svg).startsWith("<svg ").endsWith("</svg>\n");
        assertThat(svg).contains("latency &lt;ms&gt;", "&lt;p50&gt;").doesNotContain("<ms>", "<p50>");
        String path = svg.substring(svg.indexOf("<path d=\"") + 9, svg.indexOf('"', svg.indexOf("<path d=\"") + 9));
        assertThat(path).matches("M[0-9. ]+M[0-9. ]+");
        assertThat(svg.split("<circle ", -1)).hasSize(3);
    }
}
