package io.squashinflux.cli;

import io.squashinflux.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.testing.FakeInflux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB answering 500 to every write, with a state file: the run ends saying
 * InfluxDB did not accept writes (exit 1, not a configuration error), the state is saved whole,
 * {@code --json} still prints the summary with the error, and {@code watch} rides the outage out.
 */
class OutageWithStateTest {
  private static final String JOB = Path.of("src/test/resources/fixtures/api-job.json").toString();

  @TempDir Path dir;

  private List<String> args(String command, FakeInflux influx, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--from", JOB, "--influx-url",
        influx.url(), "--db", "d", "--state", dir.resolve("state.json").toString(),
        "--retry-attempts", "2", "--retry-delay", "10ms"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void writesRefusedWith500EndTheSyncWithExit1TheStateSavedAndTheJsonSummary() throws Exception {
    try (FakeInflux influx = FakeInflux.start(lines -> new FakeInflux.Answer(500, "engine down"))) {
      Cli.Result run = Cli.run(args("sync", influx, "--json", "--quiet"));

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.err()).contains("did not accept writes after 2 attempts").contains("500")
          .doesNotContain("null").doesNotContain("cannot save the state");
      assertThat(dir.resolve("state.json.tmp")).doesNotExist();
      assertThat(Files.readString(dir.resolve("state.json"))).contains("squash-influx-state/1");
      JsonNode summary = run.summary();
      assertThat(summary.get("error").asText()).contains("did not accept writes");
      assertThat(summary.get("exit_code").asInt()).isEqualTo(1);
      assertThat(summary.get("jobs").get("synced").asLong()).isZero();
    }
  }

  @Test
  void aListingThatFailsStillPrintsTheJsonSummaryWithTheError() throws Exception {
    try (FakeInflux influx = FakeInflux.start(lines -> FakeInflux.Answer.WRITTEN);
        java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      String squash = "http://127.0.0.1:" + closed.getLocalPort();
      closed.close();
      Cli.Result run = Cli.run("sync", "--squash-url", squash, "--influx-url", influx.url(),
          "--db", "d", "--no-state", "--retry-attempts", "1", "--json", "--quiet");

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.summary().get("error").asText()).contains("cannot list the jobs");
      assertThat(run.summary().get("exit_code").asInt()).isEqualTo(1);
    }
  }

  @Test
  void watchRidesTheOutageOutAndStopsOnSigterm() throws Exception {
    try (FakeInflux influx = FakeInflux.start(lines -> new FakeInflux.Answer(500, "engine down"));
        Child watch = Child.start(dir, "watch", args("watch", influx, "--interval", "100ms",
            "--max-backoff", "100ms"))) {
      Await.until("a third failed cycle", Duration.ofSeconds(60),
          () -> !watch.isAlive() || watch.err().contains("cycle 3 failed"), watch::err);
      assertThat(watch.isAlive()).as(watch.err()).isTrue();
      watch.terminate();

      assertThat(watch.exitCode(Duration.ofSeconds(30))).as(watch.err()).isZero();
      assertThat(watch.err()).contains("cycle 1 failed").contains("did not accept writes")
          .doesNotContain("cannot save the state");
    }
  }
}
