package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka broker killed while {@code --to kafka://} writes to it: {@code sync} stops within its
 * retry bound with exit code 1, and {@code watch} ends on SIGTERM within the bound the README
 * states, however many lines are still to send.
 */
class KafkaBrokerKilledTest {
  private static final int JOBS = 150;
  /** The README's bound: at most twice --retry-time (10 s here), plus the JVM's start and end. */
  private static final Duration BOUND = Duration.ofSeconds(2 * 10 + 15);

  @TempDir Path dir;

  @Test
  void syncStopsWithinItsRetryBound() throws Exception {
    KafkaBroker.Running broker = KafkaBroker.Running.start();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(31, JOBS), 0);
        FaultProxy slow = slowJobs(api);
        Child writer = writer(broker, slow, "sync")) {
      awaitRecords(broker, writer);
      kill(broker);
      long killed = System.nanoTime();

      assertThat(writer.exitCode(BOUND)).as(writer.err()).isEqualTo(1);
      System.err.printf("sync ended %.1f s after the broker was killed%n",
          (System.nanoTime() - killed) / 1e9);
      assertThat(writer.err()).contains("Kafka at").doesNotContain("unexpected error");
    } finally {
      kill(broker);
    }
  }

  @Test
  void watchEndsOnSigtermWithinTheStatedBound() throws Exception {
    KafkaBroker.Running broker = KafkaBroker.Running.start();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(32, JOBS), 0);
        FaultProxy slow = slowJobs(api);
        Child writer = writer(broker, slow, "watch")) {
      awaitRecords(broker, writer);
      kill(broker);
      writer.terminate();
      long terminated = System.nanoTime();

      writer.exitCode(BOUND);
      System.err.printf("watch ended %.1f s after SIGTERM%n",
          (System.nanoTime() - terminated) / 1e9);
    } finally {
      kill(broker);
    }
  }

  private final java.util.Set<KafkaBroker.Running> killed = new java.util.HashSet<>();

  private void kill(KafkaBroker.Running broker) {
    if (killed.add(broker)) {
      broker.close();
    }
  }

  /** The SQuaSH API answering each job slowly, so the sync is still writing when the broker dies. */
  private static FaultProxy slowJobs(SquashApiServer api) throws Exception {
    FaultProxy proxy = new FaultProxy(api.url().toString(), "/job/");
    for (int i = 0; i < JOBS; i++) {
      proxy.then(new FaultProxy.Slow(Duration.ofMillis(150)));
    }
    return proxy;
  }

  private Child writer(KafkaBroker.Running broker, FaultProxy squash, String command)
      throws Exception {
    broker.createTopic("killed", 1);
    List<String> args = new ArrayList<>(List.of(command, "--squash-url", squash.url(),
        "--no-state", "--parallel", "1", "--to", "kafka://" + broker.bootstrap() + "/killed",
        "--retry-time", "10s", "--retry-delay", "200ms",
        "--rejects", dir.resolve(command + "-rejects.jsonl").toString()));
    if (command.equals("watch")) {
      args.addAll(List.of("--interval", "1h"));
    }
    return Child.start(dir, command, args);
  }

  private static void awaitRecords(KafkaBroker.Running broker, Child writer) throws Exception {
    KafkaBroker.await("the first records written", Duration.ofSeconds(60),
        () -> broker.records("killed") > 0 || !writer.isAlive());
    assertThat(writer.isAlive()).as(writer.err()).isTrue();
  }
}
