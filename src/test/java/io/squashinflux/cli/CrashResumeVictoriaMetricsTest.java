package io.squashinflux.cli;

import io.squashinflux.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.cli.ExpectedValues.Value;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.VictoriaMetricsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CrashResumeTest against a real VictoriaMetrics with the v2 API: a sync killed with SIGKILL twice
 * and then run to the end stores each value once. VictoriaMetrics keeps a re-sent point once only
 * with {@code -dedup.minScrapeInterval} (1ms here): without it, the jobs a killed run had written
 * but not yet recorded would be stored twice (LineProtocolServersTest).
 */
class CrashResumeVictoriaMetricsTest {
  private static final int JOBS = 1500;
  @RegisterExtension static final VictoriaMetricsServer vm = VictoriaMetricsServer.perClass();

  @TempDir Path dir;

  private List<String> sync(SquashApiServer api, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
        "--influx-url", vm.url(), "--influx-api", "v2", "--db", "crash", "--no-default-excludes",
        "--quiet", "--batch-lines", "200", "--rejects", dir.resolve("rejects.jsonl").toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void syncKilledTwiceThenRunToTheEndStoresEachValueOnce() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(52, JOBS), 0)) {
      ExpectedValues expected = ExpectedValues.convert(List.of("--squash-url",
          api.url().toString(), "--no-default-excludes"));
      String state = dir.resolve("state.json").toString();
      // The last job is held open until the killed runs are over, so each sync is still running
      // when it is killed however fast or slow the machine (or VictoriaMetrics' ingestion); each
      // other job answers 20 ms late, so that kills fall between many acknowledged writes.
      CountDownLatch never = new CountDownLatch(1);
      api.setFaults(Faults.none()
          .when("/job/" + JOBS, Integer.MAX_VALUE, Fault.hold(never))
          .when("/job/.*", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(20))));
      List<Integer> killedAt = new ArrayList<>();
      for (int jobs : List.of(JOBS / 3, JOBS * 2 / 3)) {
        try (Child child = Child.start(dir, "kill" + jobs, sync(api, "--state", state))) {
          awaitJobs(jobs, child, Duration.ofSeconds(60));
          assertThat(child.isAlive()).as("still syncing when killed").isTrue();
          child.kill();
          killedAt.add(jobsStored());
        }
      }
      System.err.println("killed with this many jobs stored: " + killedAt);
      api.setFaults(null);
      never.countDown();
      try (Child last = Child.start(dir, "last", sync(api, "--state", state))) {
        assertThat(last.exitCode(Duration.ofSeconds(120))).as(last.err()).isIn(0, 1);
      }
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          Files.readString(Path.of(state))).path("synced").path("ids").asText())
          .isEqualTo("1-" + JOBS);
      assertEachValueOnce(expected);
    }
  }

  private static void assertEachValueOnce(ExpectedValues expected) {
    Map<String, Value> want = expected.by((line, field) -> line.measurement() + "_" + field
        + "{" + ExpectedValues.tags(line.tags()) + "}@" + Math.floorDiv(line.time(), 1_000_000));
    Map<String, Integer> got = new HashMap<>();
    for (JsonNode series : vm.export("{__name__!=\"\"}")) {
      Map<String, String> labels = new HashMap<>();
      series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      String name = labels.remove("__name__");
      for (JsonNode time : series.path("timestamps")) {
        got.merge(name + "{" + ExpectedValues.tags(labels) + "}@" + time.asLong(), 1, Integer::sum);
      }
    }
    assertThat(got.keySet()).isEqualTo(want.keySet());
    assertThat(got.values()).allMatch(n -> n == 1);
  }

  /** Waits for the event "VictoriaMetrics holds this many jobs" or the child's end. */
  private static void awaitJobs(int jobs, Child child, Duration limit) throws Exception {
    Await.until(jobs + " jobs stored", limit, () -> !child.isAlive() || jobsStored() >= jobs,
        child::err);
  }

  /** Each generated job has its own time: distinct times of validate_drp series count jobs. */
  private static int jobsStored() {
    Set<Long> times = new HashSet<>();
    for (JsonNode series : vm.export("{__name__=~\"validate_drp_.*\"}")) {
      series.path("timestamps").forEach(t -> times.add(t.asLong()));
    }
    return times.size();
  }
}
