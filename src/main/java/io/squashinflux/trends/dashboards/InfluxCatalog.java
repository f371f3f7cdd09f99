package io.squashinflux.trends.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.net.Http;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalog of an InfluxDB 1.x database, read with {@code SHOW} statements over /query. */
final class InfluxCatalog implements Catalog {
  private final InfluxTarget target;
  private final Web web;

  InfluxCatalog(InfluxTarget target, Web web) {
    this.target = target;
    this.web = web;
  }

  @Override
  public List<String> measurements() {
    return column(rows("SHOW MEASUREMENTS"), 0);
  }

  @Override
  public Map<String, String> fieldTypes(String measurement) {
    Map<String, String> types = new LinkedHashMap<>();
    for (JsonNode row : rows("SHOW FIELD KEYS FROM " + from(measurement))) {
      types.put(row.get(0).asText(), row.get(1).asText());
    }
    return types;
  }

  @Override
  public List<String> tagKeys(String measurement) {
    return column(rows("SHOW TAG KEYS FROM " + from(measurement)), 0);
  }

  @Override
  public List<String> tagValues(String measurement, String tagKey) {
    List<String> values = column(rows("SHOW TAG VALUES FROM " + from(measurement) + " WITH KEY = "
        + Queries.identifier(tagKey)), 1);
    values.sort(null);
    return values;
  }

  private String from(String measurement) {
    return target.retentionPolicy() == null ? Queries.identifier(measurement)
        : Queries.identifier(target.retentionPolicy()) + "." + Queries.identifier(measurement);
  }

  /** The rows of every series of a one-statement answer. */
  private List<JsonNode> rows(String influxQl) {
    URI uri = URI.create(target.url().toString().replaceAll("/+$", "") + "/query?db="
        + encode(target.database()) + "&q=" + encode(influxQl));
    Map<String, String> headers = new LinkedHashMap<>();
    if (target.user() != null) {
      headers.put("Authorization", Http.basic(target.user(),
          target.password() == null ? "" : target.password().reveal()));
    }
    Web.Reply reply = web.send("GET", uri, headers, null);
    if (reply.status() == 401 || reply.status() == 403) {
      throw new DashboardException("InfluxDB at " + Web.origin(uri) + " refused the credentials ("
          + reply.status() + "): check --influx-user and INFLUX_PASSWORD", true);
    }
    JsonNode answer;
    try {
      answer = ChronografJson.JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new DashboardException("InfluxDB at " + Web.origin(uri) + " answered " + reply.status()
          + " with no JSON: is --influx-url an InfluxDB 1.x?", true);
    }
    JsonNode result = answer.path("results").path(0);
    String error = answer.hasNonNull("error") ? answer.get("error").asText()
        : result.path("error").asText(null);
    if (error != null) {
      throw new DashboardException("InfluxDB refused " + influxQl + " on \"" + target.database()
          + "\": " + error, error.startsWith("database not found"));
    }
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode series : result.path("series")) {
      series.path("values").forEach(rows::add);
    }
    return rows;
  }

  private static List<String> column(List<JsonNode> rows, int index) {
    List<String> values = new ArrayList<>();
    rows.forEach(row -> values.add(row.get(index).asText()));
    return values;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
