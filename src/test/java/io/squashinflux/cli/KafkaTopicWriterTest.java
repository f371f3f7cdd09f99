package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One writer consuming a topic into a real influxd: what it commits, refuses and survives. */
class KafkaTopicWriterTest {
  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.shared();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;

  @Test
  void aRecordThatIsNotLineProtocolIsReportedWithItsTopicPartitionAndOffset() throws Exception {
    kafka.createTopic("mixed", 1);
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("mixed", "cpu,host=a usage=1 1700000000000000000"));
      producer.send(new ProducerRecord<>("mixed", "cpu,host=b usage=2 1700000000000000000\n"
          + "cpu,host=c usage=3 1700000000000000000\n"));
      producer.send(new ProducerRecord<>("mixed", "{\"not\": \"line protocol\"}"));
      producer.send(new ProducerRecord<>("mixed", "cpu,host=d usage=4 1700000000000000000"));
      producer.flush();
    }
    Path rejects = dir.resolve("rejects.jsonl");
    Cli.Result run = Cli.run("sync", "--from", "kafka://" + kafka.bootstrap() + "/mixed",
        "--group", "mixed-writers", "--influx-url", influx.url(), "--db", "mixed", "--json",
        "--quiet", "--rejects", rejects.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.summary().get("points_written").asLong()).isEqualTo(4);
    assertThat(run.summary().get("lines_rejected").asLong()).isEqualTo(1);
    assertThat(Files.readString(rejects)).contains("mixed/0@2").contains("not");
    assertThat(new Database(influx, "mixed").points()).isEqualTo(4);
    assertThat(kafka.committed("mixed-writers"))
        .containsEntry(new TopicPartition("mixed", 0), 4L);
  }

  @Test
  void aLineWithoutATimeReadTwiceLandsOnceAtItsRecordsTime() throws Exception {
    kafka.createTopic("untimed", 1);
    long recordMillis = 1_700_000_123_456L;
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>("untimed", null, recordMillis, null,
          "cpu,host=a usage=1"));
      producer.flush();
    }
    // A second group reads the record again, as a writer does whose commit was lost.
    for (String group : List.of("untimed-first", "untimed-again")) {
      Cli.Result run = Cli.run("sync", "--from", "kafka://" + kafka.bootstrap() + "/untimed",
          "--group", group, "--influx-url", influx.url(), "--db", "untimed", "--quiet",
          "--rejects", dir.resolve(group + ".jsonl").toString());
      assertThat(run.code()).as(run.toString()).isZero();
    }

    Database db = new Database(influx, "untimed");
    assertThat(db.points()).isEqualTo(1);
    assertThat(db.times()).containsExactly(recordMillis * 1_000_000L);
  }

  @Test
  void influxDownCommitsNothingPastWhatWasWrittenAndTheWriterCatchesUp() throws Exception {
    kafka.createTopic("outage", 3);
    JobGenerator first = JobGenerator.withSeed(7, 100);
    JobGenerator second = new JobGenerator(GeneratorSettings.of(8, 100)
        .withEnd(GeneratorSettings.DEFAULT_END.minus(Duration.ofDays(800))));
    try (SquashApiServer one = SquashApiServer.start(first, 0);
        SquashApiServer two = SquashApiServer.start(second, 0);
        FaultProxy toInflux = new FaultProxy(influx.url(), "/write")) {
      for (SquashApiServer api : List.of(one, two)) {
        Cli.Result direct = Cli.run(Cli.sync(api.url().toString(), influx.url(), "reference", dir));
        assertThat(direct.code()).as(direct.err()).isZero();
      }
      produce(one, "outage");
      try (Child writer = Child.start(dir, "writer", List.of("watch", "--from",
          "kafka://" + kafka.bootstrap() + "/outage", "--group", "outage-writers",
          "--influx-url", toInflux.url(), "--db", "outage", "--retry-delay", "100ms",
          "--rejects", dir.resolve("writer-rejects.jsonl").toString()))) {
        KafkaBroker.await("the first jobs committed", Duration.ofSeconds(60),
            () -> kafka.committed("outage-writers").equals(kafka.endOffsets("outage")));
        Map<TopicPartition, Long> before = kafka.committed("outage-writers");
        influx.kill();
        produce(two, "outage");
        int requests = toInflux.requests();
        KafkaBroker.await("the writer tried InfluxDB three times", Duration.ofSeconds(60),
            () -> toInflux.requests() >= requests + 3);
        assertThat(kafka.committed("outage-writers")).isEqualTo(before);
        influx.restart();
        KafkaBroker.await("the writer caught up", Duration.ofSeconds(90),
            () -> kafka.committed("outage-writers").equals(kafka.endOffsets("outage")));
        writer.terminate();
        assertThat(writer.exitCode(Duration.ofSeconds(30))).as(writer.err()).isZero();
      }
    }
    assertThat(new Database(influx, "outage").dump())
        .isEqualTo(new Database(influx, "reference").dump());
  }

  private void produce(SquashApiServer api, String topic) {
    Cli.Result run = Cli.run("sync", "--squash-url", api.url().toString(), "--no-state",
        "--quiet", "--to", "kafka://" + kafka.bootstrap() + "/" + topic,
        "--rejects", dir.resolve("produce-rejects.jsonl").toString());
    assertThat(run.code()).as(run.err()).isZero();
  }

  private static KafkaProducer<String, String> producer() {
    Properties config = new Properties();
    config.put("bootstrap.servers", kafka.bootstrap());
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }
}
