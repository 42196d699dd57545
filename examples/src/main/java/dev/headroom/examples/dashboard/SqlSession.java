package dev.headroom.examples.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** One connection's worth of statements; each statement run is counted as one database query. */
final class SqlSession {

    /** Reads one row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    private final LongAdder queries;

    SqlSession(Connection connection, LongAdder queries) {
        this.connection = connection;
        this.queries = queries;
    }

    /** Runs a query and maps every row. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** Runs a query that returns exactly one row. */
    <T> T one(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        List<T> rows = list(sql, mapper, parameters);
        if (rows.size() != 1) {
            throw new SQLException("expected one row but got " + rows.size() + " from: " + sql);
        }
        return rows.get(0);
    }

    /** Runs an insert, update or delete; returns the rows changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        queries.increment();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
