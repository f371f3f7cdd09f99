package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.PrivateInflux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private, real {@code influxd} 1.x for one test class ({@link PrivateInflux}, as the demo runs
 * it), with helpers to query and write. It can be killed (SIGKILL) and started again on the same
 * port and data, to test what a sync does when InfluxDB goes away.
 */
public final class InfluxServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrivateInflux server;
  private final Path certificate;

  private InfluxServer(PrivateInflux server, Path certificate) {
    this.server = server;
    this.certificate = certificate;
  }

  /** Starts a plain influxd without auth. */
  public static InfluxServer start() {
    return builder().start();
  }

  /**
   * A plain influxd for one test class, started before its first test and removed after its
   * last: {@code @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();}.
   */
  public static InfluxServer perClass() {
    return new InfluxServer(null, null);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server == null) {
      server = builder().options.start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of the server to start. */
  public static final class Builder {
    private final PrivateInflux.Builder options =
        PrivateInflux.builder().directoryPrefix("squash-influx-test-influxd");
    private Path certificate;

    /** Turns on {@code auth-enabled}; call {@link #createAdmin} once started. */
    public Builder auth() {
      options.auth();
      return this;
    }

    /** Serves HTTPS with this PEM certificate and key. */
    public Builder https(Path certificate, Path privateKey) {
      this.certificate = certificate;
      options.https(certificate, privateKey, TestTls.trusting(certificate));
      return this;
    }

    public InfluxServer start() {
      return new InfluxServer(options.start(), certificate);
    }
  }

  /** {@code http://127.0.0.1:<port>} (or https). */
  public String url() {
    return server.url();
  }

  public int port() {
    return server.port();
  }

  public Path directory() {
    return server.directory();
  }

  /** Kills influxd with SIGKILL, as a crash would. */
  public void kill() {
    server.kill();
  }

  /** Starts influxd again on the same port and data directory. */
  public void restart() {
    server.restart();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  /** Creates an admin user; the first user of an auth-enabled server can be created without auth. */
  public void createAdmin(String user, String password) {
    String statement =
        "CREATE USER \"" + user + "\" WITH PASSWORD '" + password + "' WITH ALL PRIVILEGES";
    JsonNode answer = post("/query", "q=" + encode(statement), null, null);
    if (answer.path("results").path(0).has("error")) {
      throw new IllegalStateException("CREATE USER failed: " + answer);
    }
  }

  /** Runs InfluxQL and returns the JSON answer; fails the test on a statement error. */
  public JsonNode query(String db, String influxQl) {
    return query(db, influxQl, null, null);
  }

  public JsonNode query(String db, String influxQl, String user, String password) {
    String form = "q=" + encode(influxQl) + (db == null ? "" : "&db=" + encode(db)) + "&epoch=ns";
    JsonNode answer = post("/query", form, user, password);
    for (JsonNode result : answer.path("results")) {
      if (result.has("error")) {
        throw new IllegalStateException("query failed: " + influxQl + ": " + result.get("error"));
      }
    }
    return answer;
  }

  /** All rows of a one-statement query as lists of values (first column is time). */
  public List<List<JsonNode>> rows(String db, String influxQl) {
    List<List<JsonNode>> rows = new ArrayList<>();
    for (JsonNode series : query(db, influxQl).path("results").path(0).path("series")) {
      for (JsonNode values : series.path("values")) {
        List<JsonNode> row = new ArrayList<>();
        values.forEach(row::add);
        rows.add(row);
      }
    }
    return rows;
  }

  /** The first value of the first row of a one-statement query, e.g. a count. */
  public JsonNode scalar(String db, String influxQl) {
    List<List<JsonNode>> rows = rows(db, influxQl);
    if (rows.isEmpty()) {
      return null;
    }
    return rows.get(0).get(1);
  }

  /** Writes raw line protocol as is, for setting up existing data; returns the HTTP status. */
  public int write(String db, String lines) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url() + "/write?db=" + encode(db) + "&precision=ns"))
              .POST(HttpRequest.BodyPublishers.ofString(lines))
              .build();
      return client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode post(String path, String form, String user, String password) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      if (user != null) {
        String token = user + ":" + password;
        request.header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<String> response =
          client().send(request.build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpClient client() {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (certificate != null) {
      builder.sslContext(TestTls.trusting(certificate));
    }
    return builder.build();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
