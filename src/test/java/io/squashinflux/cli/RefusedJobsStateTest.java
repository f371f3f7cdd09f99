package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Endpoint;
import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose lines InfluxDB refused is not synced: the state keeps it as refused with
 * the reason, every run's summary counts it, a plain run leaves it alone, and once the cause is
 * fixed {@code --retry-rejected} sends it again.
 */
class RefusedJobsStateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private List<String> sync(SquashApiServer api, InfluxServer influx, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(),
        "--influx-url", influx.url(), "--db", "conflicts", "--no-default-excludes",
        "--state", dir.resolve("state.json").toString(), "--json", "--quiet",
        "--retry-delay", "50ms"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void refusedJobsAreKeptAsRefusedAndSentAgainWithRetryRejected() throws Exception {
    Instant now = Instant.now();
    JobGenerator jobs = new JobGenerator(
        GeneratorSettings.of(4, 30).withEnd(now).withSpan(Duration.ofHours(3)));
    try (InfluxServer influx = InfluxServer.start();
        SquashApiServer api = SquashApiServer.start(jobs, 0)) {
      influx.query(null, "CREATE DATABASE \"conflicts\"");
      long recent = now.minus(Duration.ofMinutes(5)).toEpochMilli() * 1_000_000L;
      influx.write("conflicts",
          "validate_drp,dataset=existing validate_drp.PA1=\"a string\" " + recent + "\n");

      Cli.Result first = Cli.run(sync(api, influx));
      assertThat(first.code()).as(first.toString()).isEqualTo(1);
      long refused = first.summary().get("jobs").get("refused").asLong();
      assertThat(refused).isPositive();
      assertThat(first.summary().get("jobs").get("synced").asLong()).isEqualTo(30 - refused);
      assertThat(first.summary().get("jobs").get("refused_in_state").asLong()).isEqualTo(refused);
      JsonNode state = JSON.readTree(dir.resolve("state.json").toFile());
      assertThat(state.get("refused").size()).isEqualTo((int) refused);
      state.get("refused").forEach(reason ->
          assertThat(reason.asText()).contains("field type conflict"));
      assertThat(dir.resolve("state.rejects.jsonl")).as("the rejects file, next to the state")
          .content().contains("\"kind\":\"rejected\"");

      api.resetCounts();
      Cli.Result second = Cli.run(sync(api, influx));
      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isZero();
      assertThat(second.summary().get("jobs").get("refused_in_state").asLong()).isEqualTo(refused);

      influx.query("conflicts", "DROP MEASUREMENT \"validate_drp\"");
      api.resetCounts();
      Cli.Result retried = Cli.run(sync(api, influx, "--retry-rejected"));
      assertThat(retried.code()).as(retried.toString()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(refused);
      assertThat(retried.summary().get("jobs").get("synced").asLong()).isEqualTo(refused);
      assertThat(retried.summary().get("jobs").get("refused_in_state").asLong()).isZero();
      assertThat(JSON.readTree(dir.resolve("state.json").toFile()).get("refused").size()).isZero();
    }
  }
}
