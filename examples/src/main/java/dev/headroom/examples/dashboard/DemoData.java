package dev.headroom.examples.dashboard;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The schema and the generated demo data: organizations with projects, suppliers, teams and their
 * members, a few thousand orders each, and four weeks of daily metrics per team member. The data is
 * the same on every start (a fixed seed), dated back from today.
 */
public final class DemoData {

    static final int PROJECTS_PER_ORG = 5;
    static final int SUPPLIERS_PER_ORG = 10;
    /** Teams in each organization. */
    public static final int TEAMS_PER_ORG = 2;

    /** Members of each team; each member is a client with daily metrics. */
    public static final int MEMBERS_PER_TEAM = 10;

    static final int ORDERS_PER_ORG = 4_000;
    static final int ORDER_DAYS = 180;
    static final int METRIC_DAYS = 28;
    private static final int BATCH = 1_000;

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS organizations (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " plan VARCHAR(20) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS projects (id INT PRIMARY KEY, organization_id INT NOT NULL,"
                    + " name VARCHAR(100) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS suppliers (id INT PRIMARY KEY, organization_id INT NOT NULL,"
                    + " name VARCHAR(100) NOT NULL, rating INT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, organization_id INT NOT NULL,"
                    + " project_id INT NOT NULL, supplier_id INT NOT NULL, status VARCHAR(16) NOT NULL,"
                    + " amount_cents BIGINT NOT NULL, ordered_on DATE NOT NULL, due_on DATE NOT NULL,"
                    + " delivered_on DATE)",
            "CREATE INDEX IF NOT EXISTS orders_by_org_date ON orders (organization_id, ordered_on)",
            "CREATE TABLE IF NOT EXISTS teams (id INT PRIMARY KEY, organization_id INT NOT NULL,"
                    + " name VARCHAR(100) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS team_members (team_id INT NOT NULL, client_id VARCHAR(64) NOT NULL,"
                    + " PRIMARY KEY (team_id, client_id))",
            "CREATE TABLE IF NOT EXISTS daily_metrics (client_id VARCHAR(64) NOT NULL, metric_date DATE NOT NULL,"
                    + " steps INT NOT NULL, sleep_minutes INT NOT NULL, resting_hr INT NOT NULL, hrv INT NOT NULL,"
                    + " readiness INT, status VARCHAR(16) NOT NULL, PRIMARY KEY (client_id, metric_date))",
            "CREATE INDEX IF NOT EXISTS daily_metrics_by_date ON daily_metrics (metric_date)");

    private static final String[] STATUSES = {"OPEN", "SHIPPED", "DELIVERED", "DELIVERED", "DELIVERED", "CANCELLED"};

    private DemoData() {}

    /** Creates the tables and, if there are no organizations yet, the data. */
    static void createIfEmpty(SqlSession sql, int organizations, LocalDate today) throws SQLException {
        for (String statement : SCHEMA) {
            sql.update(statement);
        }
        long existing = sql.one("SELECT COUNT(*) FROM organizations", row -> row.getLong(1));
        if (existing == 0) {
            generate(sql, organizations, today);
        }
    }

    /**
     * Names a team member's client id, as the daily-metrics endpoint expects it.
     *
     * @param organization the organization, from 1
     * @param team the team within it, from 1
     * @param member the member within the team, from 1
     * @return the client id
     */
    public static String clientId(int organization, int team, int member) {
        return "client-" + organization + '-' + team + '-' + member;
    }

    /**
     * Returns the id of one of an organization's teams.
     *
     * @param organization the organization, from 1
     * @param n the team within it, from 1 to {@link #TEAMS_PER_ORG}
     * @return the team's id
     */
    public static int teamId(int organization, int n) {
        return organization * 100 + n;
    }

    private static void generate(SqlSession sql, int organizations, LocalDate today) throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder batch = new StringBuilder();
        for (int org = 1; org <= organizations; org++) {
            String plan = org % 5 == 0 ? "premium" : "authenticated";
            sql.update("INSERT INTO organizations VALUES (?, ?, ?)", org, "Organization " + org, plan);
            for (int p = 1; p <= PROJECTS_PER_ORG; p++) {
                sql.update("INSERT INTO projects VALUES (?, ?, ?)", org * 100 + p, org, "Project " + org + '.' + p);
            }
            for (int s = 1; s <= SUPPLIERS_PER_ORG; s++) {
                sql.update(
                        "INSERT INTO suppliers VALUES (?, ?, ?, ?)",
                        org * 100 + s,
                        org,
                        "Supplier " + org + '.' + s,
                        1 + random.nextInt(5));
            }
            insertOrders(sql, org, today, random, batch);
            for (int t = 1; t <= TEAMS_PER_ORG; t++) {
                sql.update("INSERT INTO teams VALUES (?, ?, ?)", teamId(org, t), org, "Team " + org + '.' + t);
                for (int m = 1; m <= MEMBERS_PER_TEAM; m++) {
                    String client = clientId(org, t, m);
                    sql.update("INSERT INTO team_members VALUES (?, ?)", teamId(org, t), client);
                    insertMetrics(sql, client, today, random, batch);
                }
            }
        }
    }

    /** Inserts in multi-row statements: portable, and far faster than one row per statement. */
    private static void insertOrders(
            SqlSession sql, int org, LocalDate today, SplittableRandom random, StringBuilder rows) throws SQLException {
        for (int start = 0; start < ORDERS_PER_ORG; start += BATCH) {
            rows.setLength(0);
            for (int i = start; i < Math.min(ORDERS_PER_ORG, start + BATCH); i++) {
                long id = (long) org * 1_000_000 + i;
                LocalDate ordered = today.minusDays(random.nextInt(ORDER_DAYS));
                LocalDate due = ordered.plusDays(3 + random.nextInt(10));
                String status = STATUSES[random.nextInt(STATUSES.length)];
                String delivered = "NULL";
                if (status.equals("DELIVERED")) {
                    LocalDate on = due.plusDays(random.nextInt(7) - 4);
                    delivered = on.isAfter(today) ? "NULL" : "DATE '" + on + "'";
                }
                rows.append(rows.length() == 0 ? "" : ",")
                        .append('(')
                        .append(id)
                        .append(',')
                        .append(org)
                        .append(',')
                        .append(org * 100 + 1 + random.nextInt(PROJECTS_PER_ORG))
                        .append(',')
                        .append(org * 100 + 1 + random.nextInt(SUPPLIERS_PER_ORG))
                        .append(",'")
                        .append(status)
                        .append("',")
                        .append(500 + random.nextInt(500_000))
                        .append(",DATE '")
                        .append(ordered)
                        .append("',DATE '")
                        .append(due)
                        .append("',")
                        .append(delivered)
                        .append(')');
            }
            sql.update("INSERT INTO orders VALUES " + rows);
        }
    }

    private static void insertMetrics(
            SqlSession sql, String client, LocalDate today, SplittableRandom random, StringBuilder rows)
            throws SQLException {
        rows.setLength(0);
        for (int day = 1; day <= METRIC_DAYS; day++) {
            rows.append(rows.length() == 0 ? "" : ",")
                    .append("('")
                    .append(client)
                    .append("',DATE '")
                    .append(today.minusDays(day))
                    .append("',")
                    .append(2_000 + random.nextInt(12_000))
                    .append(',')
                    .append(300 + random.nextInt(240))
                    .append(',')
                    .append(48 + random.nextInt(25))
                    .append(',')
                    .append(30 + random.nextInt(70))
                    .append(',')
                    .append(40 + random.nextInt(60))
                    .append(",'READY')");
        }
        sql.update("INSERT INTO daily_metrics VALUES " + rows);
    }
}
