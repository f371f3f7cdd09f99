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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code watch} and the state lock, run as separate processes that get real signals. */
class WatchAndLockTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  private static int databases;
  /** A safety net only: every wait below ends on an event long before it. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path dir;

  private static String freshDatabase() {
    return "watch" + (++databases);
  }

  private List<String> command(String name, SquashApiServer api, String db, String... more) {
    List<String> args = new ArrayList<>(List.of(name, "--squash-url", api.url().toString(),
        "--influx-url", influx.url(), "--db", db, "--no-default-excludes",
        "--state", dir.resolve("state.json").toString(),
        "--rejects", dir.resolve("rejects.jsonl").toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void newJobsArriveWhileWatchingAndSigtermExitsZeroWithTheStateSaved() throws Exception {
    String db = freshDatabase();
    Database stored = new Database(influx, db);
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(61, 40), 0);
        Child watch = Child.start(dir, "watch", command("watch", api, db, "--interval", "1s"))) {
      awaitTrue(() -> jobs(stored) == 40, watch, PATIENCE);
      api.addJobs(25);
      awaitTrue(() -> jobs(stored) == 65, watch, PATIENCE);

      watch.terminate();

      assertThat(watch.exitCode(PATIENCE)).as(watch.err()).isZero();
      assertThat(watch.err()).containsPattern("cycle 1: 40 new jobs synced, 0 failed, \\d+ points")
          .contains("25 new jobs synced");
      assertEveryJobIsInTheState(api, db, 65);
    }
  }

  @Test
  void sigtermDuringACycleWritesWhatWasReadAndRecordsOnlyThat() throws Exception {
    String db = freshDatabase();
    Database stored = new Database(influx, db);
    JobGenerator generator = JobGenerator.withSeed(62, 400);
    try (SquashApiServer api = SquashApiServer.start(generator, 0)) {
      // The last job is held until the watch has stopped, so the SIGTERM always lands mid-cycle.
      CountDownLatch lastJob = new CountDownLatch(1);
      api.setFaults(Faults.none().when("/job/400", 1, Fault.hold(lastJob))
          .when("/job/\\d+", 400, new Fault.Delay(Duration.ofMillis(200))));
      try (Child watch = Child.start(dir, "watch", command("watch", api, db, "--parallel", "4"))) {
        awaitTrue(() -> jobs(stored) >= 20, watch, PATIENCE);

        long signalled = System.nanoTime();
        watch.terminate();

        assertThat(watch.exitCode(PATIENCE)).as(watch.err()).isZero();
        System.err.printf("watch stopped %d ms after SIGTERM%n",
            (System.nanoTime() - signalled) / 1_000_000);
      } finally {
        lastJob.countDown();
      }
      long written = jobs(stored);
      assertThat(written).isLessThan(400);
      String ids = JSON.readTree(dir.resolve("state.json").toFile()).get("synced").get("ids").asText();
      assertThat(stored.times()).as("jobs recorded as synced are exactly those in the database")
          .isEqualTo(timesOf(generator, ids));
      api.setFaults(Faults.none());
      api.resetCounts();
      Cli.Result rest = Cli.run(command("sync", api, db, "--quiet"));
      assertThat(rest.code()).as(rest.err()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(400 - written);
      assertThat(jobs(stored)).isEqualTo(400);
    }
  }

  @Test
  void twoSyncsStartedAtOnceOnOneStateOneRunsTheOtherExitsAtOnce() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(63, 50), 0)) {
      // The state is locked before the listing, and the listing is held until one sync ended, so
      // the sync that got the lock is still running when the other fails, however slow the start.
      CountDownLatch listing = new CountDownLatch(1);
      api.setFaults(Faults.none().when("/jobs", 2, Fault.hold(listing)));
      try (Child a = Child.start(dir, "a", command("sync", api, db, "--quiet"));
          Child b = Child.start(dir, "b", command("sync", api, db, "--quiet"))) {
        Child loser = awaitFirstExit(a, b, PATIENCE);
        Child winner = loser == a ? b : a;
        assertThat(winner.isAlive()).as("the other sync is still running").isTrue();
        listing.countDown();

        assertThat(loser.exitCode(Duration.ZERO)).isEqualTo(2);
        assertThat(loser.err().lines()).hasSize(1).first().asString()
            .startsWith("squash-influx: the state " + dir.resolve("state.json"))
            .contains("is in use by another squash-influx run");
        assertThat(winner.exitCode(PATIENCE)).as(winner.err()).isZero();
      } finally {
        listing.countDown();
      }
      assertThat(new Database(influx, db).times()).hasSize(50);
    }
  }

  private void assertEveryJobIsInTheState(SquashApiServer api, String db, int count)
      throws Exception {
    api.resetCounts();
    Cli.Result again = Cli.run(command("sync", api, db, "--json", "--quiet"));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(JSON.readTree(again.out()).get("jobs").get("already_synced").asLong())
        .isEqualTo(count);
    assertThat(api.requests(Endpoint.JOB)).isZero();
  }

  /** The point times (ns) of the jobs in a state's id ranges, e.g. {@code 1-361,363}. */
  private static Set<Long> timesOf(JobGenerator generator, String ranges) {
    Set<Long> times = new HashSet<>();
    for (String range : ranges.split(",")) {
      String[] ends = range.split("-");
      for (long id = Long.parseLong(ends[0]); id <= Long.parseLong(ends[ends.length - 1]); id++) {
        Instant created = generator.dateCreated(id);
        // The notebook model's points sit the job's id modulo 1000 ns after date_created.
        times.add(created.getEpochSecond() * 1_000_000_000L + created.getNano() + id % 1000);
      }
    }
    return times;
  }

  private static long jobs(Database db) {
    try {
      return db.times().size();
    } catch (IllegalStateException noDatabaseYet) {
      return 0;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, Child child, Duration limit)
      throws Exception {
    Await.until("the condition, the watch running", limit, () -> {
      if (!child.isAlive()) {
        throw new AssertionError("the watch ended; stderr: " + child.err());
      }
      return condition.getAsBoolean();
    }, child::err);
  }

  private static Child awaitFirstExit(Child a, Child b, Duration limit) throws Exception {
    Await.until("one sync ended", limit, () -> !a.isAlive() || !b.isAlive(),
        () -> a.err() + b.err());
    return a.isAlive() ? b : a;
  }
}
