package dev.headroom.examples.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.examples.drill.DrillReport.Grade;
import dev.headroom.examples.drill.DrillReport.StepRow;
import java.util.List;

/** Looks up a drill's rows and grades by name, failing with the whole table when one is missing. */
final class DrillAssertions {

    private DrillAssertions() {}

    static StepRow row(List<StepRow> rows, String step) {
        return rows.stream()
                .filter(row -> row.step().equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step '" + step + "' in\n" + DrillReport.renderTable(rows)));
    }

    static void assertPassed(List<StepRow> rows, String step, String grade) {
        Grade found = row(rows, step).grades().stream()
                .filter(g -> g.name().equals(grade))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no grade '" + grade + "' in step " + step));
        assertThat(found.passed())
                .as("%s / %s: %s%n%s", step, grade, found.detail(), DrillReport.renderTable(rows))
                .isTrue();
    }
}
