package io.squashinflux.demo;

import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.Series;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's InfluxQL queries, run against the synced database and printed with their results. */
final class DemoQueries {
  /** One query to show: what it tells, and the InfluxQL. */
  record Query(String title, String influxQl) {}

  private final InfluxQuery influx;

  DemoQueries(InfluxQuery influx) {
    this.influx = influx;
  }

  /** The queries for this data model ({@code notebook} or {@code squash}) and planted regression. */
  static List<Query> queries(String model, Regression regression) {
    boolean squash = model.equals("squash");
    String filterTag = squash ? "filter" : "filter_name";
    String pa1 = field(squash, "validate_drp.PA1");
    String hsc = "\"dataset\" = '" + regression.dataset() + "'";
    String at = regression.at().toString();
    String regressed = field(squash, regression.metric());
    String measurement = InfluxQuery.identifier(regression.metric().substring(0, regression.metric().indexOf('.')));
    return List.of(
        new Query("The measurements: one per verification package", "SHOW MEASUREMENTS"),
        new Query("Three metrics' means per dataset (PA1, AM1 in their units; TE1 dimensionless)",
            "SELECT COUNT(" + pa1 + ") AS \"values\", MEAN(" + pa1 + ") AS \"PA1\", MEAN("
                + field(squash, "validate_drp.AM1") + ") AS \"AM1\", MEAN("
                + field(squash, "validate_drp.TE1") + ") AS \"TE1\" FROM \"validate_drp\""
                + " GROUP BY \"dataset\""),
        new Query("PA1 per filter on " + regression.dataset(),
            "SELECT COUNT(" + pa1 + ") AS \"values\", MEAN(" + pa1 + ") AS \"PA1\""
                + " FROM \"validate_drp\" WHERE " + hsc + " GROUP BY \"" + filterTag + "\""),
        new Query("The planted regression: " + regression.metric() + " on " + regression.dataset()
                + " before " + at,
            "SELECT COUNT(" + regressed + ") AS \"values\", MEAN(" + regressed + ") AS \"mean\" FROM "
                + measurement + " WHERE " + hsc + " AND time < '" + at + "'"),
        new Query("... and from " + at + " on (x" + regression.factor() + " planted)",
            "SELECT COUNT(" + regressed + ") AS \"values\", MEAN(" + regressed + ") AS \"mean\" FROM "
                + measurement + " WHERE " + hsc + " AND time >= '" + at + "'"));
  }

  /** Runs each query and prints it with its results as a small table. */
  void print(List<Query> queries, PrintWriter out) {
    for (Query query : queries) {
      out.println();
      out.println(query.title() + ":");
      out.println("  > " + query.influxQl());
      for (String line : table(influx.series(query.influxQl()))) {
        out.println("    " + line);
      }
    }
    out.flush();
  }

  /** The rows of an answer: group-by tag values first, then every column but time. */
  static List<String> table(List<Series> answer) {
    List<List<String>> rows = new ArrayList<>();
    for (Series series : answer) {
      boolean hasTime = !series.columns().isEmpty() && series.columns().get(0).equals("time");
      List<String> header = new ArrayList<>(series.tags().keySet());
      header.addAll(series.columns().subList(hasTime ? 1 : 0, series.columns().size()));
      if (rows.isEmpty()) {
        rows.add(header);
      }
      for (List<Object> values : series.rows()) {
        List<String> row = new ArrayList<>();
        for (Map.Entry<String, String> tag : series.tags().entrySet()) {
          row.add(tag.getValue());
        }
        for (int i = hasTime ? 1 : 0; i < values.size(); i++) {
          row.add(number(values.get(i)));
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      return List.of("(no rows)");
    }
    return aligned(rows);
  }

  /** How a value is printed: integers as they are, other numbers with six significant digits. */
  static String number(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.6g", d);
    }
    return value.toString();
  }

  private static List<String> aligned(List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format(Locale.ROOT, "%-" + (width[i] + 2) + "s", row.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String field(boolean squash, String metric) {
    return InfluxQuery.identifier(squash ? metric.substring(metric.indexOf('.') + 1) : metric);
  }
}
