package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Endpoint;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobFormat;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sync} run after {@code sync}: only what is new or failed is fetched, via the state. */
class IncrementalSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  private static int databases;

  @TempDir Path dir;

  private static String freshDatabase() {
    return "incremental" + (++databases);
  }

  /** A sync of every generated job (decam too) into {@code db}, keeping its state in {@code dir}. */
  private List<String> sync(SquashApiServer api, String db) {
    return syncFrom(List.of("--squash-url", api.url().toString()), db);
  }

  private List<String> syncFrom(List<String> source, String db) {
    return syncFrom(source, db, "--json", "--quiet");
  }

  private List<String> syncFrom(List<String> source, String db, String... report) {
    List<String> args = new ArrayList<>(List.of("sync"));
    args.addAll(source);
    args.addAll(List.of("--influx-url", influx.url(), "--db", db,
        "--state", dir.resolve("state.json").toString(), "--no-default-excludes",
        "--rejects", dir.resolve("rejects.jsonl").toString()));
    args.addAll(List.of(report));
    return args;
  }

  @Test
  void aSecondSyncFetchesOnlyTheNewJobs() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(41, 1000), 0)) {
      Cli.Result first = Cli.run(sync(api, db));
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(1000);

      api.addJobs(200);
      api.resetCounts();
      Cli.Result second = Cli.run(sync(api, db));

      assertThat(second.code()).as(second.err()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(200);
      JsonNode jobs = JSON.readTree(second.out()).get("jobs");
      assertThat(jobs.get("listed").asLong()).isEqualTo(1200);
      assertThat(jobs.get("already_synced").asLong()).isEqualTo(1000);
      assertThat(jobs.get("synced").asLong()).isEqualTo(200);
      assertThat(new Database(influx, db).times()).hasSize(1200);
    }
  }

  @Test
  void fullSyncsEveryJobAgainAndChangesNothingInTheDatabase() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(42, 60), 0)) {
      assertThat(Cli.run(sync(api, db)).code()).isZero();
      List<String> before = new Database(influx, db).dump();
      api.resetCounts();

      Cli.Result full = Cli.run(sync(api, db), "--full");

      assertThat(full.code()).as(full.err()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(60);
      assertThat(JSON.readTree(full.out()).get("jobs").get("synced").asLong()).isEqualTo(60);
      assertThat(new Database(influx, db).dump()).isEqualTo(before);
      api.resetCounts();
      assertThat(Cli.run(sync(api, db)).code()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isZero();
    }
  }

  @Test
  void aJobThatFailedIsFetchedAgainByTheNextSync() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(43, 30), 0)) {
      api.setFaults(Faults.none().when("/job/7", 1, new Fault.Status(404, "not found")));
      Cli.Result first = Cli.run(sync(api, db));
      assertThat(first.code()).isEqualTo(1);
      assertThat(JSON.readTree(first.out()).get("jobs").get("failed").asLong()).isEqualTo(1);
      assertThat(new Database(influx, db).times()).hasSize(29);
      api.resetCounts();

      Cli.Result second = Cli.run(sync(api, db));

      assertThat(second.code()).as(second.err()).isZero();
      assertThat(api.requests(Endpoint.JOB)).isEqualTo(1);
      assertThat(new Database(influx, db).times()).hasSize(30);
    }
  }

  @Test
  void jobsNoLongerListedByTheSourceAreReportedInTheSummary() throws Exception {
    String db = freshDatabase();
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    JobGenerator generator = JobGenerator.withSeed(44, 10);
    for (int id = 1; id <= 10; id++) {
      Files.write(jobs.resolve(id + ".json"), generator.bytes(id, JobFormat.API));
    }
    List<String> fromFiles = List.of("--from", jobs.toString());
    assertThat(Cli.run(syncFrom(fromFiles, db)).code()).isZero();
    Files.delete(jobs.resolve("3.json"));
    Files.delete(jobs.resolve("8.json"));

    Cli.Result second = Cli.run(syncFrom(fromFiles, db, new String[0]));

    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).contains("no longer listed by the source: 2")
        .contains("3.json").contains("8.json");
    Cli.Result json = Cli.run(syncFrom(fromFiles, db));
    assertThat(JSON.readTree(json.out()).get("vanished")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder(jobs.resolve("3.json").toString(),
            jobs.resolve("8.json").toString());
  }

  @Test
  void theJsonSummaryParsesAndItsNumbersMatchTheDatabase() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(45, 150), 0)) {
      Cli.Result run = Cli.run(sync(api, db));

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.err()).as("--quiet: no progress and no text summary").isEmpty();
      JsonNode summary = JSON.readTree(run.out());
      Database stored = new Database(influx, db);
      assertThat(summary.get("jobs").get("listed").asLong()).isEqualTo(150);
      assertThat(summary.get("jobs").get("synced").asLong()).isEqualTo(stored.times().size())
          .isEqualTo(150);
      assertThat(summary.get("points_written").asLong()).isEqualTo(stored.points()).isPositive();
      assertThat(summary.get("fields_written").asLong()).isEqualTo(stored.fieldValues())
          .isPositive();
      assertThat(summary.get("exit_code").asInt()).isZero();
    }
  }

  @Test
  void aCorruptedOrTruncatedStateIsRefusedInOneLineAndLeftAsItIs() throws Exception {
    String db = freshDatabase();
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(46, 20), 0)) {
      Path state = dir.resolve("state.json");
      assertThat(Cli.run(sync(api, db)).code()).isZero();
      byte[] whole = Files.readAllBytes(state);
      byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
      byte[] garbage = "\u0000\u0017not json at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (byte[] damaged : List.of(truncated, garbage)) {
        Files.write(state, damaged);
        api.resetCounts();

        Cli.Result run = Cli.run(sync(api, db));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1).first().asString()
            .startsWith("squash-influx: the state " + state + " is damaged and was left as it is");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(state)).isEqualTo(damaged);
        assertThat(api.requests(Endpoint.JOB)).isZero();
      }
    }
  }
}
