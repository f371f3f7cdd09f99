package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private, real {@code influxd} 1.x for one test class: its own temporary directory, a free
 * loopback port, optional auth and TLS. It can be killed (SIGKILL) and started again on the same
 * port and data, to test what a sync does when InfluxDB goes away.
 */
public final class InfluxServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int port;
  private final int rpcPort;
  private final boolean auth;
  private final Path certificate;
  private final Path privateKey;
  private Process process;

  private InfluxServer(Builder builder) throws IOException {
    this.dir = Files.createTempDirectory("squash-influx-test-influxd");
    this.port = freePort();
    this.rpcPort = freePort();
    this.auth = builder.auth;
    this.certificate = builder.certificate;
    this.privateKey = builder.privateKey;
  }

  /** Starts a plain influxd without auth. */
  public static InfluxServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of the server to start. */
  public static final class Builder {
    private boolean auth;
    private Path certificate;
    private Path privateKey;

    /** Turns on {@code auth-enabled}; call {@link #createAdmin} once started. */
    public Builder auth() {
      this.auth = true;
      return this;
    }

    /** Serves HTTPS with this PEM certificate and key. */
    public Builder https(Path certificate, Path privateKey) {
      this.certificate = certificate;
      this.privateKey = privateKey;
      return this;
    }

    public InfluxServer start() {
      try {
        InfluxServer server = new InfluxServer(this);
        server.writeConfig();
        server.launch();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code http://127.0.0.1:<port>} (or https). */
  public String url() {
    return (certificate == null ? "http" : "https") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  /** Kills influxd with SIGKILL, as a crash would. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts influxd again on the same port and data directory. */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
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

  private void writeConfig() throws IOException {
    String https =
        certificate == null
            ? "  https-enabled = false\n"
            : "  https-enabled = true\n"
                + "  https-certificate = \""
                + certificate
                + "\"\n"
                + "  https-private-key = \""
                + privateKey
                + "\"\n";
    String config =
        "reporting-disabled = true\n"
            + "bind-address = \"127.0.0.1:"
            + rpcPort
            + "\"\n"
            + "[meta]\n  dir = \""
            + dir.resolve("meta")
            + "\"\n"
            + "[data]\n  dir = \""
            + dir.resolve("data")
            + "\"\n  wal-dir = \""
            + dir.resolve("wal")
            + "\"\n  query-log-enabled = false\n"
            + "[monitor]\n  store-enabled = false\n"
            + "[http]\n  bind-address = \"127.0.0.1:"
            + port
            + "\"\n  log-enabled = false\n  auth-enabled = "
            + auth
            + "\n"
            + https
            + "[continuous_queries]\n  enabled = false\n"
            + "[logging]\n  level = \"warn\"\n";
    Files.writeString(dir.resolve("influxdb.conf"), config);
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(influxd(), "run", "-config", dir.resolve("influxdb.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("influxd.log").toFile())
            .start();
    awaitPing();
  }

  private void awaitPing() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpClient client = client();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("influxd exited at start: " + log());
      }
      try {
        HttpRequest ping =
            HttpRequest.newBuilder(URI.create(url() + "/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("influxd did not answer /ping within 30 s: " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("influxd.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static String influxd() {
    for (String candidate : List.of("/usr/bin/influxd", "/usr/local/bin/influxd")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "influxd not found: install it with 'apt-get install -y influxdb' (scripts/test does)");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
