package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real VictoriaMetrics (Debian {@code victoria-metrics}) for one test class, on a free loopback
 * port in a temporary folder. Started with {@code -retentionPeriod=100y} (its default of one month
 * silently drops older points), {@code -search.latencyOffset=0s} (newest points are otherwise
 * hidden for 30 s) and {@code -dedup.minScrapeInterval=1ms} (without it, a point written twice is
 * stored twice: see LineProtocolServersTest).
 */
public final class VictoriaMetricsServer implements BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final boolean dedup;
  private Path dir;
  private Process process;
  private int port;

  private VictoriaMetricsServer(boolean dedup) {
    this.dedup = dedup;
  }

  /** {@code @RegisterExtension static final VictoriaMetricsServer vm = VictoriaMetricsServer.perClass();} */
  public static VictoriaMetricsServer perClass() {
    return new VictoriaMetricsServer(true);
  }

  /** As it comes: a point written twice is kept twice. */
  public static VictoriaMetricsServer withoutDedup() {
    return new VictoriaMetricsServer(false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("squash-influx-test-vm");
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("victoria-metrics",
        "-storageDataPath=" + dir.resolve("data"), "-httpListenAddr=127.0.0.1:" + port,
        "-retentionPeriod=100y", "-search.latencyOffset=0s", "-loggerLevel=ERROR"));
    if (dedup) {
      command.add("-dedup.minScrapeInterval=1ms");
    }
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("vm.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("victoria-metrics not found: install it with"
          + " 'sudo apt-get install victoria-metrics' (scripts/ensure-deps does)", e);
    }
    awaitHealth();
  }

  private void awaitHealth() throws InterruptedException, IOException {
    HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/health"))
        .timeout(Duration.ofSeconds(30)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("victoria-metrics did not answer /health: "
        + Files.readString(dir.resolve("vm.log")));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Every series whose labels match {@code selector} (e.g. {@code {db="x"}}) as {@code /api/v1/export}
   * gives it, one JSON object a series: {@code metric} (labels, {@code __name__}), {@code values},
   * {@code timestamps} (ms). Flushes first, so that everything acknowledged is visible.
   */
  public List<JsonNode> export(String selector) {
    try {
      get("/internal/force_flush");
      String body = get("/api/v1/export?match%5B%5D="
          + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&start=0");
      List<JsonNode> series = new ArrayList<>();
      for (String line : body.split("\n")) {
        if (!line.isBlank()) {
          series.add(JSON.readTree(line));
        }
      }
      return series;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException(path + ": " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }
}
