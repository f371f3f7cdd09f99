package io.squashinflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.report.Urls;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one InfluxQL read this command line needs ({@code SHOW FIELD KEYS}, for --check-types), over
 * the shared HTTP wrapper: the one seam to switch to the trends read-back client once it is on main.
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (target.user() != null) {
      headers.put("Authorization", Http.basic(target.user(),
          target.password() == null ? "" : target.password().reveal()));
    }
    HttpSettings settings = (target.http() == null ? HttpSettings.defaults() : target.http())
        .withTimeouts(target.timeout(), target.timeout());
    Response answer = Http.create(settings)
        .post(URI.create(base + "/query"), headers, form.getBytes(StandardCharsets.UTF_8));
    if (answer.status() != 200) {
      throw new IOException(Urls.masked(base) + "/query answered " + answer.status() + ": "
          + answer.text().strip());
    }
    return JSON.readTree(answer.text());
  }
}
