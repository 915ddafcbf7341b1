package io.hotpath.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tracker asked of PostgreSQL in a window, from the server's own cumulative statistics
 * ({@code pg_stat_database}, {@code pg_stat_user_tables}): transactions, and rows inserted and
 * updated and index and sequential scans per table, each as a rate over the window. The counters
 * are flushed by each backend about once a second, so a rate over a minute is good to a few
 * percent.
 */
final class FleetDatabase {
  private static final String[] COLUMNS = {"n_tup_ins", "n_tup_upd", "idx_scan", "seq_scan"};

  /** The counters at one moment: "transactions" and "table.column" to their values. */
  record Snapshot(double t, Map<String, Long> counters) {}

  private final String url;
  private final String user;
  private final String password;

  FleetDatabase(Map<String, String> env) {
    this.url = env.get("HOTPATH_DB_JDBC_URL");
    this.user = env.get("HOTPATH_DB_USER");
    this.password = env.get("HOTPATH_DB_PASSWORD");
  }

  /** The counters now; empty (and said why) if the database cannot be asked. */
  Snapshot snapshot(double t) {
    Map<String, Long> counters = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select xact_commit + xact_rollback from pg_stat_database"
                  + " where datname = current_database()")) {
        if (r.next()) {
          counters.put("transactions", r.getLong(1));
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "select relname, n_tup_ins, n_tup_upd, coalesce(idx_scan, 0), seq_scan"
                  + " from pg_stat_user_tables")) {
        while (r.next()) {
          for (int i = 0; i < COLUMNS.length; i++) {
            counters.put(r.getString(1) + "." + COLUMNS[i], r.getLong(i + 2));
          }
        }
      }
    } catch (SQLException e) {
      System.err.println("  PostgreSQL statistics not read: " + e.getMessage());
    }
    return new Snapshot(t, counters);
  }

  /**
   * Each counter's rate per second from {@code from} to {@code to}; those that did not move are
   * left out.
   */
  static Map<String, Object> rates(Snapshot from, Snapshot to) {
    Map<String, Object> rates = new LinkedHashMap<>();
    double seconds = to.t() - from.t();
    if (seconds <= 0) {
      return rates;
    }
    to.counters()
        .forEach(
            (key, value) -> {
              long delta = value - from.counters().getOrDefault(key, 0L);
              if (delta > 0) {
                rates.put(key, FleetBench.round(delta / seconds));
              }
            });
    return rates;
  }
}
