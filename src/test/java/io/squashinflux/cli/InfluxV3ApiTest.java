package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxApiServer;
import io.squashinflux.testing.InfluxApiServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --influx-api v3} (and auto) against a local server playing InfluxDB 3 Core by its
 * documented answers: {@code /api/v3/write_lp} with a Bearer token, and a partial write whose
 * refused lines the answer names one by one, so no line is sent twice.
 */
class InfluxV3ApiTest {
  static final String TOKEN = "apiv3_s3cret";
  @TempDir static Path folder;
  @TempDir Path dir;
  static List<String> expected;
  private static JobFiles jobs;

  @BeforeAll
  static void generateJobs() {
    jobs = JobFiles.generate(folder);
    expected = jobs.lines();
  }

  private List<String> sync(InfluxApiServer server, String... more) {
    return jobs.sync(server.url(), TOKEN, dir, more);
  }

  @Test
  void autoPicksV3AndWritesEveryLineWithABearerToken() throws IOException {
    try (InfluxApiServer server = InfluxApiServer.v3(TOKEN)) {
      Cli.Result result = Cli.run(sync(server, "--json"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
      assertThat(result.summary().path("influx_api").asText()).isEqualTo("v3");
      assertThat(result.summary().path("target").asText()).contains("/api/v3/write_lp")
          .contains("X-Influxdb-Version 3.0.1");
      List<Request> writes = server.requests("/api/v3/write_lp");
      assertThat(writes).isNotEmpty().allSatisfy(write -> {
        assertThat(write.query()).isEqualTo(
            Map.of("db", "squash", "precision", "nanosecond", "accept_partial", "true"));
        assertThat(write.header("authorization")).isEqualTo("Bearer " + TOKEN);
      });
      assertThat(server.requests()).noneMatch(r -> r.path().startsWith("/api/v2"));
      assertThat(result.out() + result.err()).doesNotContain(TOKEN);
      assertThat(Files.readString(dir.resolve("state.json"))).doesNotContain(TOKEN)
          .contains("v3 database squash");
    }
  }

  @Test
  void partialWriteNamesEachRefusedLineAndTheRestIsWrittenOnce() throws IOException {
    try (InfluxApiServer server = InfluxApiServer.v3(TOKEN).conflicting("instrument=CFHT")) {
      Cli.Result result = Cli.run(sync(server, "--influx-api", "v3", "--json"));
      // Stored exactly once each: the answer named the refused lines, nothing was sent again.
      List<String> bad = jobs.assertRefusedTheRestStored("instrument=CFHT", result, server);
      int lines = server.requests("/api/v3/write_lp").stream()
          .mapToInt(r -> (int) r.body().lines().count()).sum();
      assertThat(lines).isEqualTo(expected.size());
      assertThat(Files.readAllLines(dir.resolve("rejects.jsonl")).stream()
          .filter(r -> r.contains("\"kind\":\"rejected\"")))
          .hasSize(bad.size())
          .allSatisfy(r -> assertThat(r).contains("invalid column type").contains("CFHT"));
    }
  }

  @Test
  void refusedTokenIsExit2WithOneLine() {
    try (InfluxApiServer server = v3()) {
      List<String> args = sync(server, "--influx-api", "v3");
      args.set(args.indexOf(TOKEN), "nope");
      Cli.Result result = Cli.run(args);
      assertThat(result.code()).isEqualTo(2);
      assertThat(result.err().strip().lines()).singleElement().asString()
          .contains("authentication failed").contains("INFLUX_TOKEN");
      assertThat(server.stored()).isEmpty();
    }
  }

  @Test
  void busyServerIsRetriedAfterItsRetryAfter() {
    try (InfluxApiServer server = v3()
        .script("/api/v3/write_lp", 503, "{\"error\": \"busy\"}", "0")
        .script("/api/v3/write_lp", 429, "{\"error\": \"slow down\"}", "0")) {
      Cli.Result result = Cli.run(sync(server));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
    }
  }

  private static InfluxApiServer v3() {
    try {
      return InfluxApiServer.v3(TOKEN);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
