package io.squashinflux.influx;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.testing.FakeTime;
import io.squashinflux.testing.InfluxServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfluxWriterTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  private static int databases;

  private static String freshDatabase() {
    return "w" + (++databases);
  }

  static InfluxTarget target(String url, String db, boolean create, int batchLines) {
    return new InfluxTarget(URI.create(url), db, null, null, null, create, true, batchLines,
        InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(5), null);
  }

  static Retrier instantRetrier(int attempts) {
    FakeTime time = new FakeTime();
    return new Retrier(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), attempts,
        Duration.ofMinutes(5)), time, time, RandomGenerator.of("L64X128MixRandom"));
  }

  private static Line line(String text) {
    return new Line("job 1", text, 1);
  }

  private static List<Line> goodLines(int n, long t0) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(line("m,k=v" + (i % 7) + " f=" + (i + 0.5) + " " + (t0 + i)));
    }
    return lines;
  }

  @Test
  void createsTheDatabaseAndWritesEveryLine() throws Exception {
    String db = freshDatabase();
    InfluxWriter writer = new InfluxWriter(target(influx.url(), db, true, 5000), instantRetrier(3));
    writer.prepare();
    BatchResult result = writer.write(goodLines(1200, 1_000_000_000L));
    assertThat(result.written()).hasSize(1200);
    assertThat(result.rejected()).isEmpty();
    assertThat(result.requests()).isEqualTo(1);
    assertThat(influx.scalar(db, "SELECT count(f) FROM m").asLong()).isEqualTo(1200);
  }

  @Test
  void databaseMissingIsCreatedOnFirstWrite() throws Exception {
    String db = freshDatabase();
    InfluxWriter writer = new InfluxWriter(target(influx.url(), db, true, 5000), instantRetrier(3));
    BatchResult result = writer.write(goodLines(3, 1_000_000_000L));
    assertThat(result.written()).hasSize(3);
    assertThat(influx.scalar(db, "SELECT count(f) FROM m").asLong()).isEqualTo(3);
  }

  @Test
  void databaseMissingWithCreationOffIsFatal() {
    InfluxWriter writer =
        new InfluxWriter(target(influx.url(), freshDatabase(), false, 5000), instantRetrier(3));
    assertThatThrownBy(() -> writer.write(goodLines(1, 1_000_000_000L)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("database not found")
        .hasMessageContaining("--no-create-db")
        .matches(e -> ((DeliveryException) e).configuration());
  }

  @Test
  void partialWriteKeepsGoodLinesAndNamesEveryBadOne() throws Exception {
    String db = freshDatabase();
    influx.query(null, "CREATE DATABASE \"" + db + "\" WITH DURATION 1h");
    long now = System.currentTimeMillis() * 1_000_000L;
    influx.write(db, "existing f2=\"text\" " + now + "\n");
    List<Line> batch = new ArrayList<>(goodLines(40, now));
    batch.add(5, line("m,k=v f=not-a-number " + now));
    batch.add(12, line("m,time=x f=1 " + (now + 100)));
    batch.add(20, line("existing f2=1.5 " + (now + 200)));
    batch.add(25, line("m,k=conflict f=\"string now\" " + (now + 300)));
    batch.add(30, line("m,k=old f=1.0 1000000000"));
    InfluxWriter writer = new InfluxWriter(target(influx.url(), db, true, 5000), instantRetrier(3));

    BatchResult result = writer.write(batch);

    assertThat(result.written()).hasSize(40);
    assertThat(result.rejected()).extracting(r -> r.line().text())
        .containsExactlyInAnyOrder(batch.get(5).text(), batch.get(12).text(), batch.get(20).text(),
            batch.get(25).text(), batch.get(30).text());
    assertThat(result.rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    assertThat(result.rejected()).anySatisfy(r -> assertThat(r.reason()).contains("field type conflict"));
    assertThat(result.rejected()).anySatisfy(r -> assertThat(r.reason()).contains("retention policy"));
    assertThat(influx.scalar(db, "SELECT count(f) FROM m").asLong()).isEqualTo(40);
  }

  @Test
  void conflictInsideOneBatchKeepsTheFirstTypeAndRejectsTheOther() throws Exception {
    String db = freshDatabase();
    long t = 1_600_000_000_000_000_000L;
    List<Line> batch = List.of(line("c f=1.5 " + t), line("c f=\"x\" " + (t + 1)), line("c f=2.5 " + (t + 2)));
    InfluxWriter writer = new InfluxWriter(target(influx.url(), db, true, 5000), instantRetrier(3));
    BatchResult result = writer.write(batch);
    assertThat(result.written()).hasSize(2);
    assertThat(result.rejected()).singleElement()
        .satisfies(r -> assertThat(r.line().text()).contains("\"x\""));
    assertThat(influx.scalar(db, "SELECT sum(f) FROM c").asDouble()).isEqualTo(4.0);
  }

  @Test
  void missingRetentionPolicyIsFatalWithoutRetrying() {
    String db = freshDatabase();
    influx.query(null, "CREATE DATABASE \"" + db + "\"");
    InfluxTarget target = new InfluxTarget(URI.create(influx.url()), db, "nope", null, null, true,
        true, 5000, InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(5), null);
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(Backoff.DEFAULT, time, time, new SplittableRandom(1));
    InfluxWriter writer = new InfluxWriter(target, retrier);
    assertThatThrownBy(() -> writer.write(goodLines(2, 1_000_000_000L)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("retention policy not found");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void influxRefusingTheFirstContactIsReportedAfterThreeAttemptsNotTheWholeBudget() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 100,
        Duration.ofMinutes(2)), time, time, new SplittableRandom(7));
    InfluxWriter writer =
        new InfluxWriter(target("http://127.0.0.1:" + closedPort, "x", true, 5000), retrier);
    assertThatThrownBy(writer::prepare)
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("is it running?")
        .matches(e -> !((DeliveryException) e).configuration());
    assertThat(time.sleeps()).hasSize(InfluxWriter.FIRST_CONTACT_REFUSALS - 1);
    Duration slept = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(slept).isLessThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void anOutageThatStartsMidRunKeepsTheLongRetries() throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/query", exchange -> {
      byte[] ok = "{\"results\":[{}]}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    server.start();
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 8,
        Duration.ofMinutes(2)), time, time, new SplittableRandom(7));
    InfluxWriter writer = new InfluxWriter(
        target("http://127.0.0.1:" + server.getAddress().getPort(), "x", true, 5000), retrier);
    writer.prepare();
    server.stop(0); // InfluxDB goes away after the first contact

    assertThatThrownBy(() -> writer.write(goodLines(2, 1_000_000_000L)))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("did not accept writes after 8 attempts")
        .hasMessageContaining("connection refused");
    assertThat(time.sleeps()).hasSize(7);
  }
}
