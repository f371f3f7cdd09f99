package io.squashinflux.influx;

import io.squashinflux.net.Fetch;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Streamed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads InfluxDB 1.x back with InfluxQL: {@code GET /query?db=&q=&epoch=ns&chunked=true}. The
 * chunked answer is a sequence of JSON documents; each is parsed as it arrives, so memory holds
 * one chunk (10,000 rows by default) besides what the caller keeps. Times are nanoseconds. The
 * one InfluxQL read client: the report, the dashboards and {@code sync --check-types} read with it.
 */
public final class InfluxQuery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InfluxTarget target;
  private final Fetch web;

  public InfluxQuery(InfluxTarget target) {
    this(target, target.http());
  }

  /** Reads with {@code http} in place of the target's settings (a shorter timeout, say). */
  public InfluxQuery(InfluxTarget target, HttpSettings http) {
    this.target = target;
    this.web = new Fetch(http == null ? HttpSettings.defaults() : http);
  }

  /** The database queried. */
  public String database() {
    return target.database();
  }

  /** Fails with {@link QueryException.Reason#DATABASE_NOT_FOUND} unless the database exists. */
  public void requireDatabase() {
    List<String> databases = firstColumn("SHOW DATABASES");
    if (!databases.contains(target.database())) {
      databases.remove("_internal");
      throw new QueryException(QueryException.Reason.DATABASE_NOT_FOUND, "InfluxDB has no"
          + " database \"" + target.database() + "\" (database not found: " + target.database()
          + "): check --db; " + (databases.isEmpty() ? "it has no database"
              : "it has " + String.join(", ", databases)));
    }
    String rp = target.retentionPolicy();
    if (rp != null) {
      List<String> policies = firstColumn("SHOW RETENTION POLICIES ON " + identifier(target.database()));
      if (!policies.contains(rp)) {
        throw new QueryException(QueryException.Reason.RETENTION_POLICY_NOT_FOUND, "database \""
            + target.database()
            + "\" has no retention policy \"" + rp + "\": check --rp; it has "
            + String.join(", ", policies));
      }
    }
  }

  /** Every series of the answer, chunks of one series joined. */
  public List<Series> series(String influxQl) {
    List<Series> all = new ArrayList<>();
    stream(influxQl, chunk -> {
      int last = all.size() - 1;
      if (last >= 0 && all.get(last).sameSeries(chunk)) {
        all.set(last, all.get(last).plus(chunk));
      } else {
        all.add(chunk);
      }
    });
    return all;
  }

  /** The first column of every row, as text: for {@code SHOW MEASUREMENTS}, {@code SHOW TAG KEYS}. */
  public List<String> firstColumn(String influxQl) {
    return column(influxQl, 0);
  }

  /** One column of every row, as text: column 1 of {@code SHOW TAG VALUES} is the value. */
  public List<String> column(String influxQl, int index) {
    List<String> values = new ArrayList<>();
    stream(influxQl, chunk -> chunk.rows().forEach(row -> values.add(String.valueOf(row.get(index)))));
    return values;
  }

  /** Measurement -> field key -> InfluxDB type ({@code float}, ...), from a {@code SHOW FIELD KEYS}. */
  public Map<String, Map<String, String>> fieldTypes(String showFieldKeys) {
    Map<String, Map<String, String>> types = new LinkedHashMap<>();
    stream(showFieldKeys, chunk -> {
      Map<String, String> fields = types.computeIfAbsent(chunk.name(), m -> new LinkedHashMap<>());
      chunk.rows().forEach(row -> fields.put(String.valueOf(row.get(0)), String.valueOf(row.get(1))));
    });
    return types;
  }

  /** Hands each chunk of each series to {@code sink} in the order InfluxDB sends them. */
  public void stream(String influxQl, Consumer<Series> sink) {
    URI uri = URI.create(target.url().toString().replaceAll("/+$", "") + "/query?db="
        + encode(target.database())
        + (target.retentionPolicy() == null ? "" : "&rp=" + encode(target.retentionPolicy()))
        + "&q=" + encode(influxQl) + "&epoch=ns&chunked=true");
    Map<String, String> headers = new LinkedHashMap<>();
    if (target.user() != null) {
      String password = target.password() == null ? "" : target.password().reveal();
      headers.put("Authorization", Http.basic(target.user(), password));
    }
    try (Streamed answer = web.get(uri, headers)) {
      if (answer.status() == 401 || answer.status() == 403) {
        throw new QueryException(QueryException.Reason.AUTHENTICATION, "InfluxDB at "
            + Fetch.origin(uri) + " refused the credentials (" + answer.status() + " "
            + error(answer.body()) + "): check --influx-user and INFLUX_PASSWORD");
      }
      if (answer.status() != 200) {
        throw new QueryException(QueryException.Reason.QUERY, "InfluxDB at " + Fetch.origin(uri)
            + " answered " + answer.status() + " " + error(answer.body()) + " to: " + influxQl);
      }
      read(answer.body(), influxQl, sink);
    } catch (IOException e) {
      throw new QueryException(QueryException.Reason.UNREACHABLE, "InfluxDB unreachable: "
          + e.getMessage() + "; check --influx-url");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException(QueryException.Reason.UNREACHABLE, "interrupted");
    }
  }

  private void read(InputStream body, String influxQl, Consumer<Series> sink) throws IOException {
    try (MappingIterator<JsonNode> documents = JSON.readerFor(JsonNode.class).readValues(body)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document.hasNonNull("error")) {
          throw failure(document.get("error").asText(), influxQl);
        }
        for (JsonNode result : document.path("results")) {
          if (result.hasNonNull("error")) {
            throw failure(result.get("error").asText(), influxQl);
          }
          for (JsonNode series : result.path("series")) {
            sink.accept(series(series));
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private QueryException failure(String error, String influxQl) {
    if (error.startsWith("database not found")) {
      return new QueryException(QueryException.Reason.DATABASE_NOT_FOUND, "InfluxDB has no"
          + " database \"" + target.database() + "\" (" + error + "): check --db");
    }
    if (error.contains("authoriz") || error.contains("authentic")) {
      return new QueryException(QueryException.Reason.AUTHENTICATION, "InfluxDB refused the"
          + " query on \"" + target.database() + "\": " + error);
    }
    return new QueryException(QueryException.Reason.QUERY, "InfluxDB refused " + influxQl + ": "
        + error);
  }

  private static Series series(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    node.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    List<String> columns = new ArrayList<>();
    node.path("columns").forEach(c -> columns.add(c.asText()));
    List<List<Object>> rows = new ArrayList<>(node.path("values").size());
    for (JsonNode values : node.path("values")) {
      List<Object> row = new ArrayList<>(values.size());
      values.forEach(cell -> row.add(cell(cell)));
      rows.add(row);
    }
    return new Series(node.path("name").asText(""), tags, columns, rows);
  }

  private static Object cell(JsonNode cell) {
    if (cell.isNull()) {
      return null;
    }
    if (cell.isIntegralNumber()) {
      return cell.asLong();
    }
    if (cell.isNumber()) {
      return cell.asDouble();
    }
    if (cell.isBoolean()) {
      return cell.asBoolean();
    }
    return cell.asText();
  }

  /** The {@code error} of a JSON error body, or the body's first line. */
  private static String error(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(4096);
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() == JsonToken.START_OBJECT) {
        JsonNode node = JSON.readTree(parser);
        if (node.hasNonNull("error")) {
          return node.get("error").asText();
        }
      }
    } catch (IOException notJson) {
      // Plain text: shown as it is.
    }
    int line = text.indexOf('\n');
    return line < 0 ? text : text.substring(0, line);
  }

  /** Quotes an identifier for InfluxQL: {@code "name"} with {@code "} and {@code \} escaped. */
  public static String identifier(String name) {
    return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Quotes a string literal for InfluxQL: {@code 'text'}. */
  public static String literal(String text) {
    return '\'' + text.replace("\\", "\\\\").replace("'", "\\'") + '\'';
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
