package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.squashinflux.testing.InfluxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCommandTest {
  @TempDir Path dir;

  @Test
  void aZeroIntervalIsAUsageError() {
    Cli.Result run = Cli.run(List.of("watch", "--from", dir.toString(), "--interval", "0s",
        "--state", dir.resolve("state.json").toString()));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("squash-influx: --interval must be from 100ms to 30d, was 0s"
        + " (try 'squash-influx watch --help')" + System.lineSeparator());
  }

  @Test
  void aReportPageInAFolderThatDoesNotExistStopsTheWatchBeforeItsFirstSync() {
    Path page = dir.resolve("missing").resolve("page.html");
    // Before any sync: the InfluxDB named is not there, which a watch would wait out for ever.
    Cli.Result run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.run(List.of(
        "watch", "--from", dir.toString(), "--interval", "1s", "--influx-url",
        "http://127.0.0.1:9", "--state", dir.resolve("state.json").toString(), "--report",
        page.toString())));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString()
        .startsWith("squash-influx: --report " + page + ": the folder ").contains("does not exist");
  }

  @Test
  void aConfigurationErrorEndsTheWatchWithExitCode2() {
    try (InfluxServer influx = InfluxServer.start()) {
      // InfluxDB is no SQuaSH: GET /jobs answers 404, which waiting will not fix.
      Cli.Result run = Cli.run(List.of("watch", "--squash-url", influx.url(), "--interval", "1s",
          "--influx-url", influx.url(), "--db", "w", "--state", dir.resolve("s.json").toString()));

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().lines()).hasSize(1).first().asString()
          .startsWith("squash-influx: cannot list the jobs of ").contains("check the URL");
    }
  }
}
