package io.squashinflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.report.Urls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one InfluxQL read this command line needs ({@code SHOW FIELD KEYS}, for --check-types), over
 * the JDK's HTTP client: the seam to switch to the shared read-back client once it is on main.
 */
final class InfluxQuery {
  private static final JsonMapper JSON = new JsonMapper();

  private InfluxQuery() {}

  /** Measurement -> field -> type of the target database; empty when the database does not exist. */
  static Map<String, Map<String, String>> fieldTypes(InfluxTarget target)
      throws IOException, InterruptedException {
    JsonNode result = query(target, "SHOW FIELD KEYS").path("results").path(0);
    Map<String, Map<String, String>> types = new LinkedHashMap<>();
    String error = result.path("error").asText("");
    if (error.startsWith("database not found")) {
      return types;
    }
    if (!error.isEmpty()) {
      throw new IOException("SHOW FIELD KEYS: " + error);
    }
    for (JsonNode series : result.path("series")) {
      Map<String, String> fields = types.computeIfAbsent(series.path("name").asText(),
          k -> new LinkedHashMap<>());
      for (JsonNode row : series.path("values")) {
        fields.put(row.path(0).asText(), row.path(1).asText());
      }
    }
    return types;
  }

  private static JsonNode query(InfluxTarget target, String q)
      throws IOException, InterruptedException {
    String base = target.url().toString().replaceAll("/+$", "");
    String form = "db=" + URLEncoder.encode(target.database(), StandardCharsets.UTF_8)
        + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/query"))
        .timeout(target.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (target.user() != null) {
      String password = target.password() == null ? "" : target.password().reveal();
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (target.user() + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(target.timeout());
    if (target.ssl() != null) {
      client.sslContext(target.ssl());
    }
    HttpResponse<String> answer = client.build().send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IOException(Urls.masked(base) + "/query answered " + answer.statusCode() + ": "
          + answer.body().strip());
    }
    return JSON.readTree(answer.body());
  }
}
