package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB down for longer than {@code --retry-time} while a topic is consumed into it: {@code
 * watch --from kafka://} rides the outage out as {@code watch} from SQuaSH does (a line per
 * failed cycle, nothing committed that InfluxDB did not take, everything written once it is back);
 * {@code sync --from kafka://} ends with exit code 1 and a summary that counts only what was
 * written.
 */
class KafkaOutageTest {
  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.shared();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;

  @Test
  void watchKeepsItsPlaceThroughAnOutageLongerThanTheRetryTimeAndDeliversEverything()
      throws Exception {
    kafka.createTopic("long-outage", 3);
    try (SquashApiServer one = SquashApiServer.start(JobGenerator.withSeed(21, 60), 0);
        // Earlier jobs: the two never write the same point.
        SquashApiServer two = SquashApiServer.start(new JobGenerator(GeneratorSettings.of(22, 60)
            .withEnd(GeneratorSettings.DEFAULT_END.minus(Duration.ofDays(800)))), 0)) {
      for (SquashApiServer api : List.of(one, two)) {
        Cli.Result direct = Cli.run(Cli.sync(api.url().toString(), influx.url(), "reference", dir));
        assertThat(direct.code()).as(direct.err()).isZero();
      }
      produce(one, "long-outage");
      try (Child writer = Child.start(dir, "writer", List.of("watch", "--from",
          "kafka://" + kafka.bootstrap() + "/long-outage", "--group", "long-outage-writers",
          "--influx-url", influx.url(), "--db", "long-outage", "--rejects",
          dir.resolve("writer-rejects.jsonl").toString(), "--retry-delay", "100ms",
          "--retry-time", "1s", "--influx-timeout", "2s", "--interval", "200ms",
          "--max-backoff", "400ms"))) {
        KafkaBroker.await("the first jobs committed", Duration.ofSeconds(60),
            () -> kafka.committed("long-outage-writers").equals(kafka.endOffsets("long-outage")));
        Map<TopicPartition, Long> before = kafka.committed("long-outage-writers");
        influx.kill();
        produce(two, "long-outage");
        // The first cycle gave up after --retry-time and the next failed too: the outage
        // outlasted the retry time.
        KafkaBroker.await("a second failed cycle logged", Duration.ofSeconds(60),
            () -> writer.err().contains("cycle 2 failed") || !writer.isAlive());
        assertThat(writer.isAlive()).as(writer.err()).isTrue();
        assertThat(writer.err()).contains("cycle 1 failed").contains("did not accept writes")
            .contains("next in 200ms").contains("next in 400ms");
        assertThat(kafka.committed("long-outage-writers")).isEqualTo(before);

        influx.restart();
        long expected = new Database(influx, "reference").points();
        KafkaBroker.await("every point written after the outage", Duration.ofSeconds(90),
            () -> new Database(influx, "long-outage").points() == expected);
        KafkaBroker.await("every record committed", Duration.ofSeconds(30),
            () -> kafka.committed("long-outage-writers").equals(kafka.endOffsets("long-outage")));
        writer.terminate();
        assertThat(writer.exitCode(Duration.ofSeconds(30))).as(writer.err()).isZero();
        assertThat(writer.err()).doesNotContain("Exception");
        System.err.println("writer through the outage:\n" + writer.err());
      }
    }
    assertThat(new Database(influx, "long-outage").dump())
        .isEqualTo(new Database(influx, "reference").dump());
  }

  @Test
  void syncDuringAnOutageExitsOneCountsOnlyWhatWasWrittenAndCommitsNothing() throws Exception {
    kafka.createTopic("sync-outage", 2);
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(23, 20), 0);
        FaultProxy toInflux = new FaultProxy(influx.url(), "/write")) {
      produce(api, "sync-outage");
      // Every write answered 503 (the database is still created): an outage of writes.
      for (int i = 0; i < 1000; i++) {
        toInflux.then(new FaultProxy.Status(503, "{\"error\":\"engine down\"}", null));
      }
      Cli.Result run = Cli.run("sync", "--from", "kafka://" + kafka.bootstrap() + "/sync-outage",
          "--group", "sync-outage-writers", "--influx-url", toInflux.url(), "--db", "sync-outage",
          "--json", "--rejects", dir.resolve("rejects.jsonl").toString(), "--retry-delay", "50ms",
          "--retry-time", "500ms");

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.err()).contains("did not accept writes").contains("503")
          .doesNotContain("unexpected error").doesNotContain("Exception")
          .containsPattern("kafka: \\d+ records read from .*, 0 committed");
      assertThat(run.summary().get("error").asText()).contains("did not accept writes");
      assertThat(run.summary().get("exit_code").asInt()).isEqualTo(1);
      assertThat(run.summary().get("points_written").asLong()).isZero();
      assertThat(kafka.committed("sync-outage-writers")).isEmpty();
    }
  }

  private void produce(SquashApiServer api, String topic) {
    Cli.Result run = Cli.run("sync", "--squash-url", api.url().toString(), "--no-state",
        "--quiet", "--to", "kafka://" + kafka.bootstrap() + "/" + topic,
        "--rejects", dir.resolve("produce-rejects.jsonl").toString());
    assertThat(run.code()).as(run.err()).isZero();
  }
}
