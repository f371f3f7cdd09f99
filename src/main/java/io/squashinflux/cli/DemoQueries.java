package io.squashinflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Regression;
import io.squashinflux.net.Http;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's InfluxQL queries, run against the synced database and printed with their results. */
final class DemoQueries {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One query to show: what it tells, and the InfluxQL. */
  record Query(String title, String influxQl) {}

  private final URI influx;
  private final String database;
  private final HttpClient client;

  DemoQueries(URI influx, String database) {
    this.influx = influx;
    this.database = database;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The queries for this data model ({@code notebook} or {@code squash}) and planted regression. */
  static List<Query> queries(String model, Regression regression) {
    boolean squash = model.equals("squash");
    String filterTag = squash ? "filter" : "filter_name";
    String pa1 = field(squash, "validate_drp.PA1");
    String hsc = "\"dataset\" = '" + regression.dataset() + "'";
    String at = regression.at().toString();
    String regressed = field(squash, regression.metric());
    String measurement = quote(regression.metric().substring(0, regression.metric().indexOf('.')));
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
  void print(List<Query> queries, PrintWriter out) throws IOException, InterruptedException {
    for (Query query : queries) {
      out.println();
      out.println(query.title() + ":");
      out.println("  > " + query.influxQl());
      for (String line : table(run(query.influxQl()))) {
        out.println("    " + line);
      }
    }
    out.flush();
  }

  /** The answer of one statement; a statement error becomes an exception. */
  JsonNode run(String influxQl) throws IOException, InterruptedException {
    String form = "db=" + encode(database) + "&q=" + encode(influxQl);
    HttpRequest.Builder request = HttpRequest.newBuilder(influx.resolve("/query"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    String user = System.getenv("INFLUX_USERNAME");
    if (user != null && !user.isBlank()) {
      String password = System.getenv().getOrDefault("INFLUX_PASSWORD", "");
      request.header("Authorization", Http.basic(user, password));
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode answer = JSON.readTree(response.body());
    JsonNode result = answer.path("results").path(0);
    String error = answer.hasNonNull("error") ? answer.get("error").asText()
        : result.hasNonNull("error") ? result.get("error").asText() : null;
    if (response.statusCode() / 100 != 2 || error != null) {
      throw new IOException("query failed (" + response.statusCode() + "): " + error);
    }
    return result;
  }

  /** The rows of a result: group-by tag values first, then every column but time. */
  static List<String> table(JsonNode result) {
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      List<String> header = new ArrayList<>();
      series.path("tags").fieldNames().forEachRemaining(header::add);
      series.path("columns").forEach(c -> header.add(c.asText()));
      header.remove("time");
      if (rows.isEmpty()) {
        rows.add(header);
      }
      boolean hasTime = hasTime(series);
      for (JsonNode values : series.path("values")) {
        List<String> row = new ArrayList<>();
        for (Map.Entry<String, JsonNode> tag : series.path("tags").properties()) {
          row.add(tag.getValue().asText());
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
  static String number(JsonNode value) {
    if (value == null || value.isNull()) {
      return "-";
    }
    if (value.isIntegralNumber() || !value.isNumber()) {
      return value.asText();
    }
    return String.format(Locale.ROOT, "%.6g", value.asDouble());
  }

  private static boolean hasTime(JsonNode series) {
    JsonNode columns = series.path("columns");
    return columns.size() > 0 && columns.get(0).asText().equals("time");
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
    return quote(squash ? metric.substring(metric.indexOf('.') + 1) : metric);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
