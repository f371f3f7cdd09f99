package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.FaultProxy.Drop;
import io.squashinflux.testing.FaultProxy.Slow;
import io.squashinflux.testing.FaultProxy.Status;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults between the sync and InfluxDB, injected by a proxy: the sync still stores every point once. */
class InfluxFaultsSyncTest {

  @Test
  void droppedConnectionsBusyAnswersSlownessAndA413LoseAndDoubleNothing(@TempDir Path dir)
      throws Exception {
    try (InfluxServer influx = InfluxServer.start();
        SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(9, 600), 0);
        FaultProxy proxy = new FaultProxy(influx.url(), "/write")) {
      Expected expected = Expected.of(api.url().toString(), influx, "reference", dir);
      proxy.then(
              new Drop(),
              new Status(503, "", "1"),
              new Slow(Duration.ofMillis(300)),
              new Status(413, "{\"error\":\"Request Entity Too Large\"}", null),
              new Slow(Duration.ofSeconds(3)),
              new Status(500, "{\"error\":\"timeout\"}", null),
              new Drop())
          .every(2);
      List<String> args = Cli.sync(api.url().toString(), proxy.url(), "faults", dir);
      args.addAll(List.of("--batch-lines", "100", "--influx-timeout", "1s"));

      Cli.Result result = Cli.run(args);

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(proxy.pending()).as("every fault was injected").isZero();
      assertThat(result.summary().get("points_written").asLong()).isEqualTo(expected.points());
      expected.assertStoredIn(influx, "faults");
      System.err.printf("proxy faults: %d requests, sync took %d ms%n", proxy.requests(),
          result.took().toMillis());
    }
  }
}
