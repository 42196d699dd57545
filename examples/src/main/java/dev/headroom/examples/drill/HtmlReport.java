package dev.headroom.examples.drill;

import static dev.headroom.examples.drill.Html.escape;

import dev.headroom.examples.drill.DrillReport.Grade;
import dev.headroom.examples.drill.DrillReport.StepRow;
import java.util.List;
import java.util.Map;

/** {@link DrillReport#renderHtml}: one HTML page, no script, no external resource. */
final class HtmlReport {

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 3px 8px; }
            th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.pass td.grade { background: #d9f2d9; }
            tr.fail td.grade { background: #f8d0d0; font-weight: bold; }
            section { margin: 2em 0; }
            svg.chart { display: block; margin: 0.5em 0; font-size: 11px; }
            svg.chart .title { font-weight: bold; }
            svg.chart .grid { stroke: #e4e4e4; }
            svg.chart .axis { stroke: #888; }
            """;

    private static final List<SvgChart.Line> LATENCY = List.of(
            new SvgChart.Line("p50", "#1f77b4", TimelinePoint::p50Ms),
            new SvgChart.Line("p99", "#d62728", TimelinePoint::p99Ms));

    private static final List<SvgChart.Line> THROUGHPUT = List.of(
            new SvgChart.Line("responses", "#2ca02c", point -> point.requests()),
            new SvgChart.Line("not 2xx", "#ff7f0e", point -> point.nonSuccess()));

    private HtmlReport() {}

    static String render(String title, Map<String, String> settings, List<StepRow> rows) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<h2>Settings</h2>\n<table class=\"settings\">\n");
        settings.forEach((name, value) -> html.append("<tr><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n"));
        html.append("</table>\n<h2>Results</h2>\n");
        appendResults(html, rows);
        for (StepRow row : rows) {
            html.append("<section>\n<h3>")
                    .append(escape(row.step()))
                    .append("</h3>\n<p>")
                    .append(escape(row.description()))
                    .append("</p>\n");
            List<TimelinePoint> timeline = row.load().timeline();
            html.append(SvgChart.render("latency per second (ms)", timeline, LATENCY));
            html.append(SvgChart.render("responses per second", timeline, THROUGHPUT));
            html.append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void appendResults(StringBuilder html, List<StepRow> rows) {
        ResultTable table = ResultTable.of(rows);
        html.append("<table class=\"results\">\n<thead><tr>");
        table.headers()
                .forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            StepRow row = rows.get(r);
            String verdict =
                    row.grades().isEmpty() ? "ungraded" : row.failures().isEmpty() ? "pass" : "fail";
            html.append("<tr class=\"").append(verdict).append("\">");
            List<String> cells = table.rows().get(r);
            for (int c = 0; c < cells.size(); c++) {
                String cssClass = table.numeric(c) ? "num" : c == cells.size() - 1 ? "grade" : "step";
                html.append("<td class=\"")
                        .append(cssClass)
                        .append("\">")
                        .append(escape(cells.get(c)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        boolean any = false;
        for (StepRow row : rows) {
            for (Grade failure : row.failures()) {
                html.append(any ? "" : "<ul class=\"failures\">\n")
                        .append("<li><b>")
                        .append(escape(row.step()))
                        .append(" / ")
                        .append(escape(failure.name()))
                        .append("</b>: ")
                        .append(escape(failure.detail()))
                        .append("</li>\n");
                any = true;
            }
        }
        html.append(any ? "</ul>\n" : "");
    }
}
