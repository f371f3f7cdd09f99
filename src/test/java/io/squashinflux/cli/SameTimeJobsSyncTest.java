package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs of one dataset and filter (other ids, other CI runs, other values) created in the same
 * second: the notebook model keeps both, on the same nanoseconds run after run and whatever the
 * {@code --parallel} order; where both still land on one point (the squash model, which keeps
 * SQuaSH's own times), the collision is counted and the rejects file names both jobs.
 */
class SameTimeJobsSyncTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir Path dir;

  private Path jobs(long firstId, long secondId) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("jobs-" + firstId + "-" + secondId));
    Files.writeString(folder.resolve("a.json"), job(firstId, "1612", 7.76));
    Files.writeString(folder.resolve("b.json"), job(secondId, "1613", 9.99));
    return folder;
  }

  /** A {@code GET /job} answer of HSC's r filter, created at 2019-03-29T18:44:45Z. */
  private static String job(long id, String ciId, double am1) {
    return """
        {"id": %d, "date_created": "2019-03-29T18:44:45Z", "ci_dataset": "validation_data_hsc",
         "measurements": [{"value": %s, "unit": "marcsec", "metric": "validate_drp.AM1"}],
         "meta": {"filter_name": "r", "instrument": "HSC",
                  "env": {"env_name": "jenkins", "ci_id": "%s", "ci_name": "validate_drp",
                          "ci_url": "https://ci.example/job/%s/", "status": 0}}}
        """.formatted(id, am1, ciId, ciId);
  }

  private Cli.Result sync(Path from, String model, String db, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--from", from.toString(),
        "--mapping", model, "--influx-url", influx.url(), "--db", db,
        "--state", dir.resolve(db + ".state.json").toString(),
        "--rejects", dir.resolve(db + ".rejects.jsonl").toString(), "--json", "--quiet"));
    args.addAll(List.of(more));
    return Cli.run(args);
  }

  private Set<String> values(String db, String field) {
    Set<String> values = new TreeSet<>();
    for (List<JsonNode> row : influx.rows(db, "SELECT \"" + field + "\" FROM \"validate_drp\"")) {
      values.add(row.get(0).asText() + " " + row.get(1).asText());
    }
    return values;
  }

  @Test
  void theNotebookModelKeepsBothJobsOnTheirOwnNanosecondsRunAfterRun() throws Exception {
    Path from = jobs(5001, 5002);
    Cli.Result first = sync(from, "notebook", "same_second", "--parallel", "1");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(Cli.parse(first.out()).path("points_written").asInt()).isEqualTo(2);
    Set<String> stored = values("same_second", "validate_drp.AM1");
    assertThat(stored).containsExactly(
        "1553885085000000001 7.76", "1553885085000000002 9.99");

    Cli.Result again = sync(from, "notebook", "same_second", "--full", "--parallel", "8");

    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(values("same_second", "validate_drp.AM1")).isEqualTo(stored);
    assertThat(Cli.parse(again.out()).path("dropped").toString())
        .doesNotContain("another job");
  }

  @Test
  void whereTwoJobsStillShareAPointBothAreNamedInTheRejectsFile() throws Exception {
    for (String model : List.of("squash", "notebook")) {
      // The squash model keeps SQuaSH's times; in the notebook model, ids 1000 apart share
      // their nanoseconds.
      Path from = model.equals("squash") ? jobs(6001, 6002) : jobs(7001, 8001);
      String db = "shared_" + model;

      Cli.Result sync = sync(from, model, db);

      assertThat(sync.code()).as(sync.toString()).isEqualTo(1); // a value lost, as a drop is
      JsonNode summary = Cli.parse(sync.out());
      assertThat(summary.path("jobs").path("synced").asInt()).isEqualTo(2);
      assertThat(summary.path("dropped").path(
          "same series and time as another job's point: InfluxDB keeps one value per field")
          .path("count").asInt()).as(summary.toString()).isEqualTo(1);
      String rejects = Files.readString(dir.resolve(db + ".rejects.jsonl"));
      assertThat(rejects).contains("another job's point")
          .contains(from.resolve("a.json").toString()).contains(from.resolve("b.json").toString());
      assertThat(values(db, model.equals("squash") ? "AM1" : "validate_drp.AM1")).hasSize(1);
    }
  }
}
