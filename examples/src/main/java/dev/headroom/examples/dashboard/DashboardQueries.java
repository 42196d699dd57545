package dev.headroom.examples.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's SQL. Each method is a fixed number of grouped queries, whatever the size of the
 * organization or team: no query per row.
 */
final class DashboardQueries {

    record Kpis(long orders, long revenueCents, long averageOrderCents, long lateDeliveries, long openOrders) {}

    record StatusCount(String status, long orders) {}

    record DailyRevenue(String day, long orders, long revenueCents) {}

    record SupplierTotal(int supplierId, String name, long orders, long revenueCents, long lateDeliveries) {}

    record Analytics(
            int organizationId,
            int days,
            Kpis kpis,
            List<StatusCount> byStatus,
            List<DailyRevenue> revenueByDay,
            List<SupplierTotal> topSuppliers) {}

    record Summary(long openOrders, long spendThisMonthCents, long lateDeliveries) {}

    record RecentOrder(long id, String supplier, String status, long amountCents, String orderedOn) {}

    record ProjectHealth(int projectId, String name, long openOrders, long lateDeliveries) {}

    record MemberStats(String clientId, long checkIns, double averageReadiness, long pendingRecomputations) {}

    record TeamDashboard(int teamId, String name, int members, double averageReadiness, List<MemberStats> stats) {}

    record OrderRow(long id, int projectId, int supplierId, String status, long amountCents, String orderedOn) {}

    /** An order is late if delivered after its due date, or still undelivered past it; binds today. */
    private static final String LATE =
            "(o.delivered_on > o.due_on OR (o.delivered_on IS NULL AND o.status <> 'CANCELLED' AND o.due_on < ?))";

    private static final String BY_REVENUE = "4 DESC";
    private static final String BY_LATENESS = "5 DESC, 4 DESC";

    private DashboardQueries() {}

    static Analytics analytics(SqlSession sql, int organization, int days, LocalDate today) throws SQLException {
        LocalDate since = today.minusDays(days);
        Kpis kpis = sql.one(
                "SELECT COUNT(*), COALESCE(SUM(amount_cents), 0), COALESCE(SUM(CASE WHEN " + LATE
                        + " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END), 0)"
                        + " FROM orders o WHERE organization_id = ? AND ordered_on >= ?",
                row -> {
                    long orders = row.getLong(1);
                    long revenue = row.getLong(2);
                    return new Kpis(
                            orders, revenue, orders == 0 ? 0 : revenue / orders, row.getLong(3), row.getLong(4));
                },
                today,
                organization,
                since);
        List<StatusCount> byStatus = sql.list(
                "SELECT status, COUNT(*) FROM orders WHERE organization_id = ? AND ordered_on >= ?"
                        + " GROUP BY status ORDER BY status",
                row -> new StatusCount(row.getString(1), row.getLong(2)),
                organization,
                since);
        List<DailyRevenue> revenue = sql.list(
                "SELECT ordered_on, COUNT(*), SUM(amount_cents) FROM orders WHERE organization_id = ?"
                        + " AND ordered_on >= ? GROUP BY ordered_on ORDER BY ordered_on",
                row -> new DailyRevenue(isoDate(row, 1), row.getLong(2), row.getLong(3)),
                organization,
                since);
        return new Analytics(
                organization, days, kpis, byStatus, revenue, suppliers(sql, organization, since, today, BY_REVENUE, 5));
    }

    static Summary summary(SqlSession sql, int organization, LocalDate today) throws SQLException {
        return sql.one(
                "SELECT COALESCE(SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END), 0),"
                        + " COALESCE(SUM(CASE WHEN ordered_on >= ? THEN amount_cents ELSE 0 END), 0),"
                        + " COALESCE(SUM(CASE WHEN " + LATE + " THEN 1 ELSE 0 END), 0)"
                        + " FROM orders o WHERE organization_id = ?",
                row -> new Summary(row.getLong(1), row.getLong(2), row.getLong(3)),
                today.withDayOfMonth(1),
                today,
                organization);
    }

    static List<RecentOrder> recentOrders(SqlSession sql, int organization) throws SQLException {
        return sql.list(
                "SELECT o.id, s.name, o.status, o.amount_cents, o.ordered_on FROM orders o"
                        + " JOIN suppliers s ON s.id = o.supplier_id WHERE o.organization_id = ?"
                        + " ORDER BY o.ordered_on DESC, o.id DESC LIMIT 10",
                row -> new RecentOrder(
                        row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), isoDate(row, 5)),
                organization);
    }

    static List<SupplierTotal> supplierAlerts(SqlSession sql, int organization, LocalDate today) throws SQLException {
        return suppliers(sql, organization, today.minusDays(30), today, BY_LATENESS, 3);
    }

    static List<ProjectHealth> projectHealth(SqlSession sql, int organization, LocalDate today) throws SQLException {
        return sql.list(
                "SELECT p.id, p.name, COALESCE(SUM(CASE WHEN o.status = 'OPEN' THEN 1 ELSE 0 END), 0),"
                        + " COALESCE(SUM(CASE WHEN " + LATE + " THEN 1 ELSE 0 END), 0)"
                        + " FROM orders o JOIN projects p ON p.id = o.project_id"
                        + " WHERE o.organization_id = ? GROUP BY p.id, p.name ORDER BY p.id",
                row -> new ProjectHealth(row.getInt(1), row.getString(2), row.getLong(3), row.getLong(4)),
                today,
                organization);
    }

    /** Returns the team's dashboard, or empty if there is no such team: two queries for any team size. */
    static Optional<TeamDashboard> team(SqlSession sql, int teamId, LocalDate today) throws SQLException {
        List<String> names = sql.list("SELECT name FROM teams WHERE id = ?", row -> row.getString(1), teamId);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<MemberStats> stats = sql.list(
                "SELECT tm.client_id, COUNT(dm.metric_date), COALESCE(AVG(dm.readiness), 0),"
                        + " COALESCE(SUM(CASE WHEN dm.status = 'PENDING' THEN 1 ELSE 0 END), 0)"
                        + " FROM team_members tm LEFT JOIN daily_metrics dm ON dm.client_id = tm.client_id"
                        + " AND dm.metric_date >= ? WHERE tm.team_id = ? GROUP BY tm.client_id ORDER BY tm.client_id",
                row -> new MemberStats(row.getString(1), row.getLong(2), row.getDouble(3), row.getLong(4)),
                today.minusDays(7),
                teamId);
        double average = stats.stream()
                .filter(member -> member.checkIns() > 0)
                .mapToDouble(MemberStats::averageReadiness)
                .average()
                .orElse(0);
        return Optional.of(new TeamDashboard(teamId, names.get(0), stats.size(), average, stats));
    }

    static List<OrderRow> exportRows(SqlSession sql, int organization, int days, LocalDate today) throws SQLException {
        return sql.list(
                "SELECT id, project_id, supplier_id, status, amount_cents, ordered_on FROM orders"
                        + " WHERE organization_id = ? AND ordered_on >= ? ORDER BY ordered_on, id",
                row -> new OrderRow(
                        row.getLong(1),
                        row.getInt(2),
                        row.getInt(3),
                        row.getString(4),
                        row.getLong(5),
                        isoDate(row, 6)),
                organization,
                today.minusDays(days));
    }

    private static String isoDate(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDate.class).toString();
    }

    private static List<SupplierTotal> suppliers(
            SqlSession sql, int organization, LocalDate since, LocalDate today, String order, int limit)
            throws SQLException {
        return sql.list(
                "SELECT s.id, s.name, COUNT(*), SUM(o.amount_cents), SUM(CASE WHEN " + LATE + " THEN 1 ELSE 0 END)"
                        + " FROM orders o JOIN suppliers s ON s.id = o.supplier_id"
                        + " WHERE o.organization_id = ? AND o.ordered_on >= ?"
                        + " GROUP BY s.id, s.name ORDER BY " + order + " LIMIT " + limit,
                row -> new SupplierTotal(
                        row.getInt(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5)),
                today,
                organization,
                since);
    }
}
