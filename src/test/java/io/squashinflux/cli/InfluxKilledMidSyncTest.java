package io.squashinflux.cli;

import io.squashinflux.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** influxd dies (SIGKILL) in the middle of a sync and comes back: nothing is lost or doubled. */
class InfluxKilledMidSyncTest {
  private static final int JOBS = 2_000;

  @Test
  void syncOutlivesAKilledInfluxdAndStoresEveryPointOnce(@TempDir Path dir) throws Exception {
    try (InfluxServer influx = InfluxServer.start();
        SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(5, JOBS), 0)) {
      long t0 = System.nanoTime();
      Expected expected = Expected.of(api.url().toString(), influx, "reference", dir);
      System.err.printf("expected computed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      List<String> args = Cli.sync(api.url().toString(), influx.url(), "killed", dir);
      args.addAll(List.of("--batch-lines", "200", "--retry-attempts", "1000", "--retry-time", "5m",
          "--influx-timeout", "30s"));

      // The last job is held until InfluxDB is down, so the kill always lands mid-sync and the
      // sync always has points to write during the outage.
      CountDownLatch killed = new CountDownLatch(1);
      api.setFaults(Faults.none().when("/job/" + JOBS, Integer.MAX_VALUE, Fault.hold(killed)));
      CompletableFuture<Cli.Result> sync = Cli.start(args.toArray(String[]::new));
      long before = awaitSomePoints(influx, "killed", sync);
      influx.kill();
      boolean runningAtKill = !sync.isDone();
      // The outage lasts until the sync tried to write into it: its port takes one connection and
      // drops it unanswered, as a dying server would; then influxd comes back.
      boolean triedDuringOutage;
      try (ServerSocket outage = new ServerSocket(influx.port(), 50, InetAddress.getLoopbackAddress())) {
        outage.setSoTimeout((int) Duration.ofSeconds(120).toMillis());
        killed.countDown();
        try (Socket attempt = outage.accept()) {
          triedDuringOutage = true;
        }
      }
      influx.restart();
      Cli.Result result = sync.get(300, TimeUnit.SECONDS);

      assertThat(runningAtKill).as("the kill landed mid-sync").isTrue();
      assertThat(triedDuringOutage).as("the sync wrote during the outage").isTrue();
      assertThat(before).isPositive().isLessThan(expected.points());
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.summary().get("points_written").asLong()).isEqualTo(expected.points());
      assertThat(result.summary().path("jobs").get("synced").asLong()).isEqualTo(JOBS);
      expected.assertStoredIn(influx, "killed");
      assertThat(Files.readString(dir.resolve("rejects.jsonl")))
          .doesNotContain("\"kind\":\"rejected\"").doesNotContain("\"kind\":\"failed\"");
      System.err.printf("kill/restart: expected %d points, %d at the kill, sync took %d ms%n",
          expected.points(), before, result.took().toMillis());
    }
  }

  /** Waits until the sync has written something (so the kill lands mid-sync); returns the count. */
  private static long awaitSomePoints(InfluxServer influx, String db, CompletableFuture<?> sync)
      throws Exception {
    java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    Await.until("points in " + db, Duration.ofSeconds(120), () -> {
      try {
        var count = influx.scalar(db, "SELECT count(\"validate_drp.PA1\") FROM validate_drp");
        written.set(count == null ? 0 : count.asLong());
      } catch (IllegalStateException noDatabaseYet) {
        // The sync has not created it yet.
      }
      return written.get() > 0 || sync.isDone();
    });
    return written.get();
  }
}
