package dev.headroom.examples.drill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.examples.drill.DrillReport.Grade;
import dev.headroom.examples.drill.DrillReport.StepRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillReportTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private final StepRow baseline = new StepRow(
            "baseline",
            "cache off",
            load(null, 10),
            Map.of("db queries", 10L),
            List.of(new Grade("no errors", true, "0 errors")));
    private final StepRow cacheOn = new StepRow(
            "cache on",
            "cache on",
            load("HIT:memory", 20),
            counters("db queries", 1L, "jobs run", 3L),
            List.of(
                    new Grade("p99", false, "p99 120.0 ms > 50 ms"),
                    new Grade("errors", true, "0 errors"),
                    new Grade("hit ratio", false, "hit ratio 50% < 90%")));
    private final StepRow hostile = new StepRow(SCRIPT, "<b>bold</b> & more", load(null, 1), Map.of(), List.of());
    private final List<StepRow> rows = List.of(baseline, cacheOn, hostile);

    @Test
    void textTableHasEveryColumnAlignedAndListsFailures() {
        String[] lines = DrillReport.renderTable(rows).split("\n");

        assertThat(cells(lines[0]))
                .containsExactly(
                        "step",
                        "requests",
                        "rps",
                        "p50 ms",
                        "p95 ms",
                        "p97.5 ms",
                        "p99 ms",
                        "2xx",
                        "4xx",
                        "5xx",
                        "errors",
                        "timeouts",
                        "hit ratio",
                        "db queries",
                        "jobs run",
                        "grade");
        assertThat(lines[1]).matches("[- ]+");
        assertThat(cells(lines[2]))
                .containsExactly(
                        "baseline",
                        "10",
                        "10.0",
                        "5.0",
                        "5.0",
                        "5.0",
                        "5.0",
                        "10",
                        "0",
                        "0",
                        "0",
                        "0",
                        "-",
                        "10",
                        "-",
                        "PASS");
        assertThat(cells(lines[3])).endsWith("100.0%", "1", "3", "FAIL: p99, hit ratio");
        assertThat(cells(lines[4])).startsWith(SCRIPT).endsWith("-", "-", "-", "-");
        assertThat(lines[2].indexOf("PASS"))
                .isEqualTo(lines[0].indexOf("grade"))
                .isEqualTo(lines[3].indexOf("FAIL"));
        assertThat(lines[5]).isEmpty();
        assertThat(List.of(lines).subList(6, lines.length))
                .containsExactly(
                        "FAIL cache on / p99: p99 120.0 ms > 50 ms", "FAIL cache on / hit ratio: hit ratio 50% < 90%");
    }

    @Test
    void markdownHasOneTableRowPerStep() {
        String markdown = DrillReport.renderMarkdown(rows);
        List<String> tableLines =
                markdown.lines().filter(line -> line.startsWith("|")).toList();

        assertThat(tableLines).hasSize(2 + rows.size());
        assertThat(tableLines.get(0))
                .startsWith("| step | requests | rps | p50 ms |")
                .endsWith("| grade |");
        assertThat(tableLines.get(1)).startsWith("| --- | ---: |").endsWith("| ---: | --- |");
        assertThat(tableLines.get(3)).endsWith("| FAIL: p99, hit ratio |");
        assertThat(markdown).contains("- FAIL cache on / p99: p99 120.0 ms > 50 ms");
    }

    @Test
    void htmlIsSelfContainedEscapedAndChartsEveryStep(@TempDir Path dir) throws IOException {
        Map<String, String> settings = counters("connections", "64", "base <uri>", "http://localhost:8080");

        String html = DrillReport.renderHtml("Drill <1>", settings, rows);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Drill &lt;1&gt;</title>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script");
        assertThat(html).contains("&lt;b&gt;bold&lt;/b&gt; &amp; more");
        assertThat(html).contains("<tr><th>base &lt;uri&gt;</th><td>http://localhost:8080</td></tr>");
        assertThat(html).contains("<tr class=\"pass\">", "<tr class=\"fail\">", "<tr class=\"ungraded\">");
        assertThat(html).contains("<td class=\"grade\">FAIL: p99, hit ratio</td>");
        assertThat(html.split("<svg ", -1)).hasSize(1 + 2 * rows.size());
        assertThat(html).doesNotContain("src=", "href=", "<link", "@import");

        Path file = DrillReport.writeHtml(dir.resolve("drill.html"), "Drill <1>", settings, rows);
        assertThat(Files.readString(file, UTF_8)).isEqualTo(html);
    }

    @Test
    void collectsRowsInOrder() {
        DrillReport report = new DrillReport();
        rows.forEach(report::add);

        assertThat(report.rows()).containsExactlyElementsOf(rows);
        assertThat(cacheOn.failures()).extracting(Grade::name).containsExactly("p99", "hit ratio");
    }

    private static List<String> cells(String line) {
        return List.of(line.trim().split(" {2,}"));
    }

    private static <V> Map<String, V> counters(String first, V firstValue, String second, V secondValue) {
        Map<String, V> counters = new LinkedHashMap<>();
        counters.put(first, firstValue);
        counters.put(second, secondValue);
        return counters;
    }

    /** A one-second step of {@code requests} 200 responses of 5 ms each. */
    private static LoadResult load(@Nullable String cacheHeader, int requests) {
        LoadRecorder recorder = new LoadRecorder();
        DrillRequest request = DrillRequest.get("route", "/", "normal");
        for (int i = 0; i < requests; i++) {
            recorder.recordResponse(request, 200, 5000, cacheHeader, false);
        }
        recorder.sample();
        return recorder.result("step", Duration.ofSeconds(1));
    }
}
