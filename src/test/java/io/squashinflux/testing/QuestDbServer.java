package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.questdb.ServerMain;
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
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real QuestDB (Maven {@code org.questdb:questdb}) inside the test JVM for one test class, its
 * HTTP server (line protocol on {@code /write} and {@code /api/v2/write}, SQL on {@code /exec})
 * bound to a free loopback port, everything else it could listen on (PostgreSQL wire, ILP over
 * TCP and UDP, the metrics server) switched off, telemetry off. Started once per class: about 4 s
 * on an idle machine, 15-25 s beside other builds (it fsyncs its system tables).
 */
public final class QuestDbServer implements BeforeAllCallback, AfterAllCallback {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private Path dir;
  private ServerMain server;
  private int port;

  private QuestDbServer() {}

  /** {@code @RegisterExtension static final QuestDbServer questdb = QuestDbServer.perClass();} */
  public static QuestDbServer perClass() {
    return new QuestDbServer();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("squash-influx-test-questdb");
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/server.conf"), String.join("\n",
        "http.bind.to=127.0.0.1:" + port,
        "http.min.enabled=false",
        "pg.enabled=false",
        "line.tcp.enabled=false",
        "line.udp.enabled=false",
        "telemetry.enabled=false",
        "metrics.enabled=false",
        // Fewer system tables to create (each a few fsyncs) at start-up.
        "cairo.mat.view.enabled=false",
        "query.tracing.enabled=false",
        "shared.worker.count=2",
        "http.worker.count=1",
        ""));
    server = new ServerMain("-d", dir.toString());
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
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
   * Returns once every table's WAL is applied, so what was acknowledged can be read: QuestDB
   * answers a write once it is in the WAL and applies it to the table afterwards.
   */
  public void awaitApplied() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      boolean applied = true;
      for (JsonNode row : exec("SELECT writerTxn, sequencerTxn, suspended FROM wal_tables()")
          .path("dataset")) {
        if (row.get(2).asBoolean()) {
          throw new IllegalStateException("a QuestDB table is suspended: " + row);
        }
        applied &= row.get(0).asLong() >= row.get(1).asLong();
      }
      if (applied) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("QuestDB did not apply its WAL within 60 s");
  }

  /** {@code GET /exec?query=SQL}: {@code columns} ({@code name}, {@code type}) and {@code dataset}. */
  public JsonNode exec(String sql) {
    try {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url()
          + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
