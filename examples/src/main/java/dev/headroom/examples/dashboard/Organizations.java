package dev.headroom.examples.dashboard;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The organizations and their plans, read once at start: the demo data does not change them. */
final class Organizations {

    private final Map<Integer, String> plans;

    private Organizations(Map<Integer, String> plans) {
        this.plans = Map.copyOf(plans);
    }

    static Organizations load(SqlSession sql) throws SQLException {
        record Row(int id, String plan) {}
        List<Row> rows =
                sql.list("SELECT id, plan FROM organizations", row -> new Row(row.getInt(1), row.getString(2)));
        return new Organizations(rows.stream().collect(Collectors.toMap(Row::id, Row::plan)));
    }

    Optional<String> plan(int organization) {
        return Optional.ofNullable(plans.get(organization));
    }

    int size() {
        return plans.size();
    }
}
