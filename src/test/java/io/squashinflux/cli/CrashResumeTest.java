package io.squashinflux.cli;

import io.squashinflux.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Endpoint;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A sync process killed with SIGKILL at any moment loses nothing once it is run again. */
class CrashResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int JOBS = 5000;
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;

  private List<String> sync(SquashApiServer api, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
        "--influx-url", influx.url(), "--db", db, "--no-default-excludes", "--quiet",
        // Small batches, so that kills fall between many acknowledged writes.
        "--batch-lines", "500",
        "--rejects", dir.resolve("rejects.jsonl").toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void syncKilledFourTimesThenRunToTheEndWritesWhatOneUninterruptedSyncWrites() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(51, JOBS), 0)) {
      Cli.Result reference = Cli.run(sync(api, "reference", "--no-state"));
      assertThat(reference.code()).as(reference.err()).isZero();
      Database expected = new Database(influx, "reference");
      String state = dir.resolve("state.json").toString();
      Database killed = new Database(influx, "killed");

      // Killed while starting, and then at a fifth, half and four fifths of the jobs written. Each
      // job answers 5 ms late, so that kills fall between many acknowledged writes, and the last
      // job is held open until well after the kill, so the sync is still running when killed
      // however fast or slow the machine: the test waits for events, never for time.
      CountDownLatch never = new CountDownLatch(1); // opened when the server closes
      api.setFaults(Faults.none()
          .when("/job/" + JOBS, Integer.MAX_VALUE, Fault.hold(never))
          .when("/job/.*", Integer.MAX_VALUE, Fault.delay(Duration.ofMillis(5))));
      List<Long> killAt = List.of(0L, JOBS / 5L, JOBS / 2L, JOBS * 4L / 5);
      List<Long> killedAt = new ArrayList<>();
      for (int i = 0; i < killAt.size(); i++) {
        api.resetCounts();
        try (Child child = Child.start(dir, "kill" + i, sync(api, "killed", "--state", state))) {
          if (i == 0) {
            awaitRequest(api, child, Duration.ofSeconds(120));
          } else {
            awaitJobs(killAt.get(i), child, Duration.ofSeconds(120));
          }
          assertThat(child.isAlive()).as("still syncing when killed: " + child.err()).isTrue();
          child.kill();
          killedAt.add(jobsWritten("killed"));
        }
      }
      System.err.println("killed with this many jobs written: " + killedAt);
      api.setFaults(null);
      never.countDown();
      try (Child last = Child.start(dir, "last", sync(api, "killed", "--state", state))) {
        assertThat(last.exitCode(Duration.ofSeconds(300))).as(last.err()).isZero();
      }

      assertThat(killed.dump()).isEqualTo(expected.dump());
      assertThat(JSON.readTree(Files.readString(Path.of(state))).get("synced").get("ids").asText())
          .isEqualTo("1-" + JOBS);
      api.resetCounts();
      Cli.Result again = Cli.run(sync(api, "killed", "--state", state, "--json"));
      assertThat(JSON.readTree(again.out()).get("jobs").get("already_synced").asLong())
          .isEqualTo(JOBS);
      assertThat(api.requests(Endpoint.JOB)).isZero();
    }
  }

  /** Returns once the child asked for a job, or ended; fails when time is up. */
  private static void awaitRequest(SquashApiServer api, Child child, Duration limit)
      throws Exception {
    Await.until("a job request", limit,
        () -> !child.isAlive() || api.requests(Endpoint.JOB) > 0, child::err);
  }

  /** Returns once the database holds at least {@code jobs}, or the child ended; fails when time is up. */
  private static void awaitJobs(long jobs, Child child, Duration limit) throws Exception {
    Await.until(jobs + " jobs written", limit,
        () -> !child.isAlive() || jobsWritten("killed") >= jobs, child::err);
  }

  /** Every job writes one validate_drp point with its own time, so its rows count jobs cheaply. */
  private static long jobsWritten(String db) {
    List<List<JsonNode>> rows;
    try {
      rows = influx.rows(db, "SELECT COUNT(*) FROM \"validate_drp\"");
    } catch (IllegalStateException noDatabaseYet) {
      return 0;
    }
    long most = 0;
    for (List<JsonNode> row : rows) {
      for (JsonNode value : row.subList(1, row.size())) {
        most = Math.max(most, value.asLong());
      }
    }
    return most;
  }
}
