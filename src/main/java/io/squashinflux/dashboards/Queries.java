package io.squashinflux.dashboards;

import static io.squashinflux.influx.InfluxQuery.identifier;

/**
 * The InfluxQL of every graph and variable, for both programs, in one place. Each metric is read
 * as the mean per {@code GROUP BY time(...)} bucket, grouped by dataset and filter, with no fill:
 * jobs come once a night or less, so a bucket holds one job's value and empty buckets draw nothing.
 */
final class Queries {
  private Queries() {}

  /**
   * Chronograf substitutes {@code :dashboardTime:}, {@code :upperDashboardTime:}, {@code :interval:}
   * and each template variable's one selected value before sending it: a tagValues one quoted
   * ({@code 'hsc'}), a meta query one ({@code :filter:}) as is, so the query quotes it.
   */
  static String chronograf(Board board, Panel panel) {
    StringBuilder q = new StringBuilder("SELECT mean(").append(identifier(panel.fieldKey()))
        .append(") AS ").append(identifier(panel.shortName())).append(" FROM ")
        .append(qualified(board))
        .append(" WHERE time > :dashboardTime: AND time < :upperDashboardTime: AND ")
        .append(identifier(board.datasetTag())).append(" = :dataset:");
    if (board.hasFilter()) {
      q.append(" AND ").append(identifier(board.filterTag())).append(" = ':filter:'");
    }
    return q.append(" GROUP BY time(:interval:), ").append(groupTags(board)).append(" FILL(none)")
        .toString();
  }

  /**
   * Grafana substitutes {@code $timeFilter}, {@code $__interval}, and each multi-value variable as
   * a regex alternation of its escaped values ({@code (a|b)}; "All" is every value).
   */
  static String grafana(Board board, Panel panel) {
    StringBuilder q = new StringBuilder("SELECT mean(").append(identifier(panel.fieldKey()))
        .append(") AS ").append(identifier(panel.shortName())).append(" FROM ")
        .append(measurement(board)).append(" WHERE $timeFilter AND ")
        .append(identifier(board.datasetTag())).append(" =~ /^$dataset$/");
    if (board.hasFilter()) {
      q.append(" AND ").append(identifier(board.filterTag())).append(" =~ /^$filter$/");
    }
    return q.append(" GROUP BY time($__interval), ").append(groupTags(board)).append(" fill(none)")
        .toString();
  }

  /** The legend of a Grafana series: its dataset and filter. */
  static String grafanaAlias(Board board) {
    return "$tag_" + board.datasetTag() + (board.hasFilter() ? " $tag_" + board.filterTag() : "");
  }

  /** Chronograf's own tagValues query, with its {@code :database:} placeholders. */
  static final String CHRONOGRAF_TAG_VALUES =
      "SHOW TAG VALUES ON :database: FROM :measurement: WITH KEY=:tagKey:";

  /** Chronograf's {@code :filter:}: the filters of the dataset picked in {@code :dataset:}. */
  static String chronografFilters(Board board) {
    return "SHOW TAG VALUES ON " + identifier(board.database()) + " FROM " + measurement(board)
        + " WITH KEY = " + identifier(board.filterTag()) + " WHERE "
        + identifier(board.datasetTag()) + " = :dataset:";
  }

  /** The values of Grafana's dataset variable. */
  static String grafanaDatasets(Board board) {
    return "SHOW TAG VALUES FROM " + measurement(board) + " WITH KEY = "
        + identifier(board.datasetTag());
  }

  /** The values of Grafana's filter variable: those of the datasets picked. */
  static String grafanaFilters(Board board) {
    return "SHOW TAG VALUES FROM " + measurement(board) + " WITH KEY = "
        + identifier(board.filterTag()) + " WHERE " + identifier(board.datasetTag())
        + " =~ /^$dataset$/";
  }

  private static String groupTags(Board board) {
    return identifier(board.datasetTag())
        + (board.hasFilter() ? ", " + identifier(board.filterTag()) : "");
  }

  /** {@code "db"."rp"."m"}, or {@code "db".."m"} for the default policy: Chronograf names the database. */
  private static String qualified(Board board) {
    String rp = board.retentionPolicy() == null ? "" : identifier(board.retentionPolicy());
    return identifier(board.database()) + "." + rp + "." + identifier(board.measurement());
  }

  /** Grafana's data source names the database; the policy, if any, goes with the measurement. */
  private static String measurement(Board board) {
    return measurement(board.retentionPolicy(), board.measurement());
  }

  /** {@code "rp"."m"}, or {@code "m"} for the default policy (null). */
  static String measurement(String retentionPolicy, String measurement) {
    return retentionPolicy == null ? identifier(measurement)
        : identifier(retentionPolicy) + "." + identifier(measurement);
  }
}
