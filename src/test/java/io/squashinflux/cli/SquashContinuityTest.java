package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database first filled the way SQuaSH's own task filled it (its lines for 12 generated Jenkins
 * jobs: float {@code timestamp} and {@code code_changes_counts}, underscored tags), then continued
 * with {@code sync --mapping squash}: no point refused, no new series for the jobs already there,
 * and one series per metric, dataset and filter over the whole range, old jobs and new.
 */
class SquashContinuityTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @Test
  void syncContinuesADatabaseSquashFilled() throws Exception {
    String db = "squash_filled";
    try (SquashApiServer api =
        SquashApiServer.start(new JobGenerator(GeneratorSettings.of(7, 12)), 0)) {
      String url = api.url().toString().replaceAll("/+$", "");
      influx.query(db, "CREATE DATABASE " + db);
      String squashLines = Files.readString(
          Path.of("src/test/resources/golden/squash-task/generated-seed7-12.lp"),
          StandardCharsets.UTF_8).replace("http://SQUASH", url);
      assertThat(influx.write(db, squashLines)).isEqualTo(204);
      Set<String> seriesBefore = series(db);
      long pointsBefore = count(db);

      Cli.Result same = sync(url, db);
      assertThat(same.code()).as(same.err()).isZero();
      assertThat(series(db)).isEqualTo(seriesBefore); // the same jobs: the same series
      assertThat(count(db)).isEqualTo(pointsBefore); // and the same points, merged

      api.addJobs(12);
      Cli.Result more = sync(url, db);
      assertThat(more.code()).as(more.err()).isZero();
      assertThat(more.err()).doesNotContain("rejected by InfluxDB");
      assertThat(count(db)).isGreaterThan(pointsBefore);
      assertOneSeriesPerMetricDatasetAndFilter(db);
    }
  }

  @Test
  void checkTypesReportsAConflictingFieldAndWritesNothing(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    String db = "written_before";
    influx.query(db, "CREATE DATABASE " + db);
    // What the squash model wrote before this release: timestamp as an integer field.
    assertThat(influx.write(db, "validate_drp,filter=r AM1=1.5,timestamp=1553885085000000000i"
        + " 1553885085000000000\n")).isEqualTo(204);
    try (SquashApiServer api =
        SquashApiServer.start(new JobGenerator(GeneratorSettings.of(7, 6)), 0)) {
      String url = api.url().toString();

      Cli.Result sync = sync(url, db);
      Path out = tmp.resolve("out.lp");
      Cli.Result convert = Cli.run("convert", "--squash-url", url, "--mapping", "squash",
          "--check-types", "--influx-url", influx.url(), "--db", db, "-o", out.toString());

      for (Cli.Result result : List.of(sync, convert)) {
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("type conflict: validate_drp field 'timestamp' is stored"
            + " as integer, mapping squash writes float; change squash.mapping:")
            .contains("date_created = time-number timestamp")
            .contains("nothing was written");
      }
      assertThat(count(db)).isEqualTo(1);
      assertThat(out).doesNotExist();
      assertThat(api.requests(io.squashinflux.demo.Endpoint.JOB)).isZero();
    }
  }

  @Test
  void checkTypesOnADatabaseNotMadeYetFindsNothingAndTheSyncMakesIt() throws Exception {
    try (SquashApiServer api =
        SquashApiServer.start(new JobGenerator(GeneratorSettings.of(7, 3)), 0)) {
      Cli.Result first = sync(api.url().toString(), "not_made_yet");
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.err()).doesNotContain("type conflict", "--check-types");
      assertThat(count("not_made_yet")).isPositive();
    }
  }

  private static Cli.Result sync(String url, String db) {
    return Cli.run("sync", "--squash-url", url, "--mapping", "squash", "--check-types",
        "--no-state", "--influx-url", influx.url(), "--db", db);
  }

  /**
   * Each (dataset, filter) of validate_drp's AM1 on master is one series: no second spelling of a
   * tag (ticket branches are series of their own, in SQuaSH's data too).
   */
  private static void assertOneSeriesPerMetricDatasetAndFilter(String db) {
    JsonNode series = influx.query(db,
        "SELECT \"AM1\" FROM \"validate_drp\" WHERE \"ci_refs\" = 'master' GROUP BY *")
        .path("results").path(0).path("series");
    List<String> keys = new ArrayList<>();
    for (JsonNode s : series) {
      keys.add(s.path("tags").path("dataset").asText() + "/" + s.path("tags").path("filter").asText());
    }
    assertThat(keys).as(series.toString()).isNotEmpty().doesNotHaveDuplicates();
  }

  private static Set<String> series(String db) {
    Set<String> keys = new HashSet<>();
    for (List<JsonNode> row : influx.rows(db, "SHOW SERIES")) {
      keys.add(row.get(0).asText());
    }
    return keys;
  }

  private static long count(String db) {
    return influx.scalar(db, "SELECT count(\"timestamp\") FROM \"validate_drp\"").asLong();
  }
}
