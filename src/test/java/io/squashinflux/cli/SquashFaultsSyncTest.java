package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.demo.Endpoint;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults on the SQuaSH side are retried; a job that stays broken is reported and the rest written. */
class SquashFaultsSyncTest {

  @Test
  void transientJobFaultsAreRetriedAndABrokenJobIsReportedWithExitCode1(@TempDir Path dir)
      throws Exception {
    // Job 5's first answer never comes (the server's close ends it): only the read timeout ends
    // it, and that timeout is long enough that no healthy answer of a loaded machine reaches it.
    CountDownLatch silent = new CountDownLatch(1);
    try (InfluxServer influx = InfluxServer.start();
        SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(4, 30), 0)) {
      api.setFaults(Faults.none()
          .when("/job/3", 2, Fault.status(500))
          .when("/job/5", 1, Fault.hold(silent))
          .when("/job/7", 1, Fault.truncate())
          .when("/job/9", 1000, Fault.status(500))
          .when("/job/13", 1000, Fault.truncate()));
      List<String> args = Cli.sync(api.url().toString(), influx.url(), "squashfaults", dir);
      args.addAll(List.of("--read-timeout", "5s", "--retry-attempts", "4"));

      Cli.Result result = Cli.run(args);

      assertThat(result.code()).as(result.toString()).isEqualTo(1);
      JsonNode jobs = result.summary().get("jobs");
      assertThat(jobs.get("synced").asLong()).isEqualTo(28);
      assertThat(jobs.get("failed").asLong()).isEqualTo(2);
      assertThat(result.summary().get("failures").toString())
          .contains("job 9: ").contains("(500)").contains("job 13: ").contains("gave up after 4 attempts");
      String rejects = Files.readString(dir.resolve("rejects.jsonl"));
      assertThat(rejects).contains("\"kind\":\"failed\",\"job\":\"9\"")
          .contains("\"kind\":\"failed\",\"job\":\"13\"");
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(30 + 2 + 1 + 1 + 3 + 3);
      assertThat(result.summary().get("points_written").asLong())
          .isEqualTo(Expected.points(influx, "squashfaults"));
    }
  }

  @Test
  void unreachableInfluxFailsWithinTheRetryTimeWithAClearMessage(@TempDir Path dir) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(4, 3), 0)) {
      List<String> args = Cli.sync(api.url().toString(), "http://127.0.0.1:" + closed, "x", dir);
      args.addAll(List.of("--retry-time", "2s", "--retry-attempts", "1000"));

      Cli.Result result = Cli.run(args);

      assertThat(result.code()).as(result.toString()).isEqualTo(1);
      // Far above the retry time (a loaded machine's start included), far below what 1000
      // attempts take: the run gave up on time, not on attempts.
      assertThat(result.took()).isLessThan(Duration.ofSeconds(60));
      assertThat(result.err().strip().lines()).singleElement().asString()
          .contains("http://127.0.0.1:" + closed).contains("connection refused")
          .contains("influxd").contains("--retry-time");
      System.err.printf("unreachable influx: exit 1 after %d ms: %s", result.took().toMillis(), result.err());
    }
  }
}
