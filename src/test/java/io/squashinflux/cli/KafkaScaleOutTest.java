package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out through a topic: jobs synced {@code --to kafka://} into a real broker, then
 * written into a real influxd by writer processes of one consumer group ({@code watch --from
 * kafka://}, each a separate JVM), which share the partitions and survive one another's death.
 */
class KafkaScaleOutTest {
  private static final int JOBS = 2000;
  private static final int PARTITIONS = 6;
  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.shared();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;

  private List<String> writer(String topic, String group, String db, String influxUrl) {
    return List.of("watch", "--from", "kafka://" + kafka.bootstrap() + "/" + topic,
        "--group", group, "--influx-url", influxUrl, "--db", db, "--batch-lines", "2000",
        "--rejects", dir.resolve(db + "-rejects.jsonl").toString(), "--retry-delay", "100ms",
        // A killed writer's partitions move to the others once its session times out.
        "--kafka-property", "session.timeout.ms=3000",
        "--kafka-property", "heartbeat.interval.ms=500");
  }

  private List<String> produce(SquashApiServer api, String topic) {
    return List.of("sync", "--squash-url", api.url().toString(), "--no-state", "--quiet",
        "--no-default-excludes", "--to", "kafka://" + kafka.bootstrap() + "/" + topic,
        "--rejects", dir.resolve("produce-rejects.jsonl").toString());
  }

  @Test
  void twoWritersShareThePartitionsAndOneKilledLosesNothing() throws Exception {
    kafka.createTopic("scale", PARTITIONS);
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(15, JOBS), 0)) {
      Cli.Result reference = Cli.run(Cli.sync(api.url().toString(), influx.url(), "direct", dir),
          "--no-default-excludes");
      assertThat(reference.code()).as(reference.err()).isZero();
      long points = reference.summary().get("points_written").asLong();

      try (Child a = Child.start(dir, "a", writer("scale", "writers", "scaled", influx.url()));
          Child b = Child.start(dir, "b", writer("scale", "writers", "scaled", influx.url()))) {
        KafkaBroker.await("both writers hold partitions", Duration.ofSeconds(60),
            () -> holding(kafka.members("writers")) == 2);
        Map<String, List<Integer>> shared = kafka.members("writers");
        // Each job answers late, so the topic still grows when writer a is killed.
        api.setFaults(Faults.none().when("/job/.*", Integer.MAX_VALUE,
            Fault.delay(Duration.ofMillis(20))));
        CompletableFuture<Cli.Result> producing = CompletableFuture.supplyAsync(
            () -> Cli.run(produce(api, "scale")));
        List<Integer> ofA = shared.get("squash-influx-" + a.process().pid());
        KafkaBroker.await("writer a committed", Duration.ofSeconds(60),
            () -> committedAny(kafka.committed("writers"), ofA));
        assertThat(producing).as("still producing when a is killed").isNotDone();
        a.kill();
        Cli.Result produced = producing.get();
        assertThat(produced.code()).as(produced.err()).isZero();
        assertThat(kafka.records("scale")).isEqualTo(points);
        KafkaBroker.await("b took over a's partitions and committed everything",
            Duration.ofSeconds(90), () -> kafka.committed("writers").equals(
                kafka.endOffsets("scale")));
        b.terminate();
        assertThat(b.exitCode(Duration.ofSeconds(30))).as(b.err()).isZero();
        System.err.println("partitions when both ran: " + shared + "; b: " + b.err());
        assertThat(shared.values()).allSatisfy(p -> assertThat(p).isNotEmpty());
      }
      assertThat(new Database(influx, "scaled").dump())
          .isEqualTo(new Database(influx, "direct").dump());
    }
  }

  private static long holding(Map<String, List<Integer>> members) {
    return members.values().stream().filter(p -> !p.isEmpty()).count();
  }

  private static boolean committedAny(Map<TopicPartition, Long> committed, List<Integer> mine) {
    return committed.entrySet().stream()
        .anyMatch(e -> mine.contains(e.getKey().partition()) && e.getValue() > 0);
  }
}
