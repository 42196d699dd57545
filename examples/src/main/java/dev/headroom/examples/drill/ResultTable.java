package dev.headroom.examples.drill;

import dev.headroom.examples.drill.DrillReport.StepRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results table of a drill as text cells, shared by the renderings of {@link DrillReport}.
 *
 * @param headers column headers
 * @param rows one list of cells per step, as long as {@code headers}
 */
record ResultTable(List<String> headers, List<List<String>> rows) {

    private static final List<String> FIXED = List.of(
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
            "hit ratio");

    static ResultTable of(List<StepRow> steps) {
        Set<String> counters = new LinkedHashSet<>();
        steps.forEach(step -> counters.addAll(step.serviceCounters().keySet()));
        List<String> headers = new ArrayList<>(FIXED);
        headers.addAll(counters);
        headers.add("grade");
        List<List<String>> rows = new ArrayList<>();
        for (StepRow step : steps) {
            LoadResult load = step.load();
            List<String> cells = new ArrayList<>(List.of(
                    step.step(),
                    Long.toString(load.requests()),
                    decimal(load.rps()),
                    decimal(load.p50()),
                    decimal(load.p95()),
                    decimal(load.p975()),
                    decimal(load.p99()),
                    Long.toString(load.status2xx()),
                    Long.toString(load.status4xx()),
                    Long.toString(load.status5xx()),
                    Long.toString(load.errors()),
                    Long.toString(load.timeouts()),
                    Double.isNaN(load.cacheHitRatio()) ? "-" : decimal(load.cacheHitRatio() * 100) + "%"));
            for (String counter : counters) {
                Long value = step.serviceCounters().get(counter);
                cells.add(value == null ? "-" : value.toString());
            }
            cells.add(step.verdict());
            rows.add(List.copyOf(cells));
        }
        return new ResultTable(List.copyOf(headers), List.copyOf(rows));
    }

    /** Whether column {@code column} holds numbers (all but the step and the grade). */
    boolean numeric(int column) {
        return column > 0 && column < headers.size() - 1;
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
