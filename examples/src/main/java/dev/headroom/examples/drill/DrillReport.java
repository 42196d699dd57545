package dev.headroom.examples.drill;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The rows of a drill, one per step, and their renderings: a fixed-width text table, a GitHub
 * Markdown table and a self-contained HTML report.
 *
 * <p>All three show the same cells: step, requests, rps, p50, p95, p97.5 and p99 in milliseconds,
 * status counts, errors, timeouts, cache hit ratio, then each service counter (the union over the
 * rows, in first-seen order, {@code -} where a row lacks it), then the grade: {@code PASS}, {@code
 * FAIL: <failed grade names>}, or {@code -} for a step without grades. Text and Markdown list each
 * failed grade's detail below the table. {@link #add} is thread-safe; rendering depends only on
 * its arguments.
 */
final class DrillReport {

    /**
     * One check of a step.
     *
     * @param name short name, shown in the grade column when it fails
     * @param passed whether the check held
     * @param detail what was measured against what was expected
     */
    record Grade(String name, boolean passed, String detail) {
        Grade {
            requireNonNull(name, "name");
            requireNonNull(detail, "detail");
        }
    }

    /**
     * One step of a drill.
     *
     * @param step the step's name
     * @param description what the step does, for the HTML report
     * @param load what the load generator measured
     * @param serviceCounters extra columns, e.g. {@code "db queries"}; copied in iteration order
     * @param grades the step's checks; copied
     */
    record StepRow(
            String step, String description, LoadResult load, Map<String, Long> serviceCounters, List<Grade> grades) {
        StepRow {
            requireNonNull(step, "step");
            requireNonNull(description, "description");
            requireNonNull(load, "load");
            serviceCounters = Collections.unmodifiableMap(new LinkedHashMap<>(serviceCounters));
            grades = List.copyOf(grades);
        }

        /** The grades that did not pass. */
        List<Grade> failures() {
            return grades.stream().filter(grade -> !grade.passed()).collect(Collectors.toUnmodifiableList());
        }

        /** {@code PASS}, {@code FAIL: <names>} or {@code -} without grades. */
        String verdict() {
            if (grades.isEmpty()) {
                return "-";
            }
            List<Grade> failures = failures();
            return failures.isEmpty()
                    ? "PASS"
                    : failures.stream().map(Grade::name).collect(Collectors.joining(", ", "FAIL: ", ""));
        }
    }

    private final List<StepRow> rows = new CopyOnWriteArrayList<>();

    /** Appends a row. */
    void add(StepRow row) {
        rows.add(requireNonNull(row, "row"));
    }

    /** The rows added so far, in order. */
    List<StepRow> rows() {
        return List.copyOf(rows);
    }

    /** A fixed-width text table, numbers right-aligned, then one line per failed grade. */
    static String renderTable(List<StepRow> rows) {
        ResultTable table = ResultTable.of(rows);
        int[] widths = new int[table.headers().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = table.headers().get(i).length();
            for (List<String> cells : table.rows()) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, table, table.headers(), widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendLine(text, table, rule, widths);
        table.rows().forEach(cells -> appendLine(text, table, cells, widths));
        appendFailures(text, rows, "");
        return text.toString();
    }

    /** A GitHub Markdown table, then one list item per failed grade. */
    static String renderMarkdown(List<StepRow> rows) {
        ResultTable table = ResultTable.of(rows);
        StringBuilder text = new StringBuilder();
        text.append(markdownRow(table.headers()));
        List<String> alignment = new ArrayList<>();
        for (int i = 0; i < table.headers().size(); i++) {
            alignment.add(table.numeric(i) ? "---:" : "---");
        }
        text.append(markdownRow(alignment));
        table.rows().forEach(cells -> text.append(markdownRow(cells)));
        appendFailures(text, rows, "- ");
        return text.toString();
    }

    /**
     * A self-contained HTML page: settings, the results table and per step a latency chart (p50
     * and p99 per second) and a throughput chart, as inline SVG with inline CSS. Every text given
     * is escaped.
     *
     * @param settings drill settings shown as a two-column table, in iteration order
     */
    static String renderHtml(String title, Map<String, String> settings, List<StepRow> rows) {
        return HtmlReport.render(title, settings, rows);
    }

    /** Writes {@link #renderHtml} to {@code file} in UTF-8, replacing it; returns {@code file}. */
    static Path writeHtml(Path file, String title, Map<String, String> settings, List<StepRow> rows)
            throws IOException {
        return Files.writeString(file, renderHtml(title, settings, rows), UTF_8);
    }

    private static void appendLine(StringBuilder text, ResultTable table, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? "" : "  ").append(table.numeric(i) ? padding + cell : cell + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static String markdownRow(List<String> cells) {
        return cells.stream()
                        .map(cell -> cell.replace("|", "\\|").replace('\n', ' '))
                        .collect(Collectors.joining(" | ", "| ", " |"))
                + "\n";
    }

    private static void appendFailures(StringBuilder text, List<StepRow> rows, String bullet) {
        boolean first = true;
        for (StepRow row : rows) {
            for (Grade failure : row.failures()) {
                text.append(first ? "\n" : "")
                        .append(bullet)
                        .append("FAIL ")
                        .append(row.step())
                        .append(" / ")
                        .append(failure.name())
                        .append(": ")
                        .append(failure.detail())
                        .append('\n');
                first = false;
            }
        }
    }
}
