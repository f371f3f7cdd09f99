package io.squashinflux.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Template variables replaced as Chronograf 1.x and Grafana replace them before a query reaches
 * InfluxDB, each rule written after the program's own code (named at each method).
 */
final class Substitution {
  private Substitution() {}

  /**
   * Chronograf (ui/src/tempVars/utils/replace.ts, ui/src/shared/utils/templates.ts):
   * {@code :dashboardTime:} is the range's lower bound as typed, a relative {@code now() - 30d}
   * as is (type constant) or an absolute time single-quoted (type timeStamp,
   * {@code '2019-03-01T00:00:00Z'}); {@code :upperDashboardTime:} likewise, {@code now()} when the
   * range is open; {@code :interval:} is {@code round(durationMs / 360)} followed by {@code ms};
   * each variable's selected value as {@link #chronografValues} renders it.
   */
  static String chronograf(String query, String lower, String upper, long durationMs,
      Map<String, String> rendered) {
    String q = query.replace(":dashboardTime:", lower).replace(":upperDashboardTime:", upper)
        .replace(":interval:", Math.round(durationMs / 360.0) + "ms");
    for (Map.Entry<String, String> value : rendered.entrySet()) {
      q = q.replace(value.getKey(), value.getValue());
    }
    return q;
  }

  /**
   * The picked value of each variable as Chronograf's renderTemplate puts it into a query, by the
   * value's type in the dashboard's {@code templates}: a tagValue single-quoted (outside a
   * regex), a custom meta query's value ({@code influxql}) as is.
   */
  static Map<String, String> chronografValues(com.fasterxml.jackson.databind.JsonNode templates,
      Map<String, String> picked) {
    Map<String, String> rendered = new java.util.LinkedHashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode t : templates) {
      String var = t.path("tempVar").asText();
      if (!picked.containsKey(var)) {
        continue;
      }
      String type = t.path("values").path(0).path("type").asText();
      rendered.put(var, switch (type) {
        case "tagValue" -> "'" + picked.get(var) + "'";
        case "influxql", "csv", "constant", "map" -> picked.get(var);
        default -> throw new IllegalArgumentException(var + ": value type " + type);
      });
    }
    return rendered;
  }

  /** An absolute Chronograf bound, as its time picker writes it. */
  static String chronografTime(Instant time) {
    return "'" + time + "'";
  }

  /**
   * Chronograf's tagValues template query (templateInternalReplace): {@code :database:},
   * {@code :measurement:} and {@code :tagKey:} double-quoted from the template's query object.
   */
  static String chronografTemplate(String influxql, String db, String measurement, String tagKey) {
    return influxql.replace(":database:", "\"" + db + "\"")
        .replace(":measurement:", "\"" + measurement + "\"").replace(":tagKey:", "\"" + tagKey + "\"");
  }

  /**
   * Grafana (pkg/tsdb/influxdb/influxql: {@code $timeFilter} is
   * {@code time >= <from>ms and time <= <to>ms}; {@code $__interval} is the range divided by the
   * panel's max data points (its width in pixels), rounded by Grafana's interval table; and the
   * data source's interpolateQueryExpr for a multi-value or include-All variable: each value
   * regex-escaped ({@code kbn.regexEscape}), joined as {@code (a|b)}; "All" without a custom all
   * value is every option's value).
   */
  static String grafana(String query, long fromMs, long toMs, int maxDataPoints,
      Map<String, List<String>> variables) {
    String q = query.replace("$timeFilter", "time >= " + fromMs + "ms and time <= " + toMs + "ms")
        .replace("$__interval", grafanaInterval(fromMs, toMs, maxDataPoints));
    for (Map.Entry<String, List<String>> variable : variables.entrySet()) {
      String values = variable.getValue().stream().map(Substitution::regexEscape)
          .collect(Collectors.joining("|", "(", ")"));
      q = q.replace("$" + variable.getKey(), values);
    }
    return q;
  }

  /** Grafana's kbn.regexEscape: {@code [\\^$*+?.()|[\]{}\/]} get a backslash. */
  static String regexEscape(String value) {
    return value.replaceAll("([\\\\^$*+?.()|\\[\\]{}/])", "\\\\$1");
  }

  /** Grafana's roundInterval (pkg/tsdb/intervalv2), over the range a test uses, formatted. */
  static String grafanaInterval(long fromMs, long toMs, int maxDataPoints) {
    long raw = (toMs - fromMs) / maxDataPoints;
    long[][] table = {
        {90_000, 60_000}, {210_000, 120_000}, {450_000, 300_000}, {750_000, 600_000},
        {1_050_000, 900_000}, {1_500_000, 1_200_000}, {2_700_000, 1_800_000},
        {5_400_000, 3_600_000}, {9_000_000, 7_200_000}, {16_200_000, 10_800_000},
        {24_300_000, 21_600_000}, {64_800_000, 43_200_000}, {129_600_000, 86_400_000},
        {259_200_000, 172_800_000}, {604_800_000, 604_800_000}};
    for (long[] row : table) {
      if (raw <= row[0]) {
        return format(Duration.ofMillis(row[1]));
      }
    }
    return "30d";
  }

  /** Grafana's FormatInterval: the largest whole unit, {@code 12h}, {@code 1d}, {@code 7d}. */
  private static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    return ms / 60_000 + "m";
  }

  /** The length of a Grafana interval text, for the expected buckets. */
  static long millis(String interval) {
    long n = Long.parseLong(interval.substring(0, interval.length() - 1));
    return switch (interval.charAt(interval.length() - 1)) {
      case 'd' -> n * 86_400_000;
      case 'h' -> n * 3_600_000;
      default -> n * 60_000;
    };
  }
}
