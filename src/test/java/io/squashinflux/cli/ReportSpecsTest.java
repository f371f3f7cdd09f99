package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --specs DIR} over generated jobs in a real influxd: a specification whose
 * metadata_query the jobs' tags match sets the levels of those series only.
 */
class ReportSpecsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static InfluxServer influx;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    TrendData.start(influx, 60, 0, 0, 0, 0);
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  private static Cli.Result report(String db, Path json, String specs) {
    return Cli.run("report", "--influx-url", influx.url(), "--db", db, "--mapping", db,
        "-o", dir.resolve(db + ".html").toString(), "--json", json.toString(), "--specs", specs);
  }

  /** metric dataset filter -> level -> threshold, from the report's JSON. */
  private static Map<String, Map<String, Double>> levels(Path json) throws Exception {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (JsonNode s : JSON.readTree(json.toFile()).get("specs")) {
      Map<String, Double> levels = new HashMap<>();
      s.get("levels").fields().forEachRemaining(e -> levels.put(e.getKey(),
          e.getValue().get("threshold").asDouble()));
      out.put(s.get("metric").asText() + " " + s.get("dataset").asText() + " "
          + s.get("filter").asText(), levels);
    }
    return out;
  }

  @Test
  void datasetSpecificSpecsSetTheLevelsOfTheirSeriesOnlyAndTheGenericOnesElsewhere()
      throws Exception {
    for (String db : new String[] {"notebook"}) {
      Path json = dir.resolve(db + ".json");
      Cli.Result run = report(db, json, CheckoutFixture.DIR);
      assertThat(run.code()).as(run.toString()).isZero();
      Map<String, Map<String, Double>> levels = levels(json);
      assertThat(levels.get("validate_drp.PA1 validation_data_hsc g")).as(db)
          .isEqualTo(Map.of("design", 4.0, "minimum", 6.0));
      assertThat(levels.get("validate_drp.PA1 validation_data_hsc r")).as(db)
          .isEqualTo(Map.of("design", 5.0, "minimum", 8.0));
      assertThat(levels.get("validate_drp.PA1 validation_data_cfht g")).as(db)
          .isEqualTo(Map.of("design", 5.0, "minimum", 8.0));
      assertThat(levels).as(db).doesNotContainKey("validate_drp.PA1 validation_data_hsc z");
      // The spec that needs the visits applies nowhere, and the report says why.
      assertThat(run.out()).as(db).contains("Specs:       1 could not be matched: their"
          + " metadata_query needs visits, which no series carries as a tag");
      String page = Files.readString(dir.resolve(db + ".html"));
      assertThat(page).contains("1 specs could not be matched")
          .contains("Photometric repeatability: RMS of magnitudes of bright stars.")
          .contains("<a href=\"https://ls.st/lpm-17\" rel=\"noopener\">LPM-17, page 21</a>");
    }
  }

  @Test
  void aTermTheModelDropsLeavesItsSpecsUnmatchedAndCounted() throws Exception {
    // The squash model drops dataset_repo_url: the HSC specs need it, so the generic ones apply.
    Path json = dir.resolve("squash.json");
    Cli.Result run = report("squash", json, CheckoutFixture.DIR);
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(levels(json).get("validate_drp.PA1 validation_data_hsc g"))
        .isEqualTo(Map.of("design", 5.0, "minimum", 8.0));
    assertThat(run.out()).contains("Specs:       3 could not be matched: their metadata_query"
        + " needs dataset_repo_url, visits, which no series carries as a tag");
  }
}
