package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.InfluxServer;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job too large for the heap (rather than an OutOfMemoryError and a process that hangs) fails
 * alone with its reason, the other jobs are written, and the process ends. Here a 48 MB heap and
 * a job of 600,000 measurements.
 */
class HugeJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void writeHugeJob(Path file, int measurements) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("{\"measurements\": [");
      for (int i = 0; i < measurements; i++) {
        out.write((i > 0 ? ",\n" : "") + "{\"metric\": \"validate_drp.metric_number_" + i
            + "\", \"identifier\": \"id" + i + "\", \"value\": " + (i + 0.25) + ", \"unit\": \"mag\"}");
      }
      out.write("], \"meta\": {\"env\": {\"date\": \"2018-07-30T18:25:52+00:00\"},"
          + " \"filter_name\": \"r\"}}");
    }
  }

  @Test
  void aJobTooLargeForTheHeapFailsAloneAndTheProcessEnds() throws Exception {
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    writeHugeJob(jobs.resolve("huge.json"), 600_000);
    Files.copy(Path.of("src/test/resources/fixtures/verify-file.json"), jobs.resolve("small.json"));
    try (InfluxServer influx = InfluxServer.start();
        Child sync = Child.start(dir, "sync", List.of("-Xmx48m"), List.of("sync", "--from",
            jobs.toString(), "--influx-url", influx.url(), "--db", "huge", "--no-state",
            "--parallel", "1", "--rejects", dir.resolve("rejects.jsonl").toString(), "--json",
            "--quiet"))) {
      int code = sync.exitCode(Duration.ofSeconds(120));

      assertThat(code).as(sync.err()).isEqualTo(1);
      JsonNode summary = JSON.readTree(sync.out().strip().lines().reduce((a, b) -> b).orElse("{}"));
      assertThat(summary.get("jobs").get("failed").asLong()).isEqualTo(1);
      assertThat(summary.get("jobs").get("synced").asLong()).isEqualTo(1);
      assertThat(summary.get("failures").get(0).asText()).contains("huge.json")
          .contains("too large to");
      assertThat(sync.err()).doesNotContain("Exception in thread");
    }
  }
}
