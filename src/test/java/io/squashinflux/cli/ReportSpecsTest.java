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
        "-o", dir.resolve(db + ".html").toString(), "--findings", json.toString(), "--specs", specs);
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

  private static final String NAN_SPECS = """
      {"specs": [
        {"name": "validate_drp.PA1.design", "threshold": {"value": NaN, "unit": "mmag", "operator": "<="}},
        {"name": "validate_drp.PA1.minimum", "threshold": {"value": 8.0, "unit": "mmag", "operator": "<="}}
      ]}""";

  @Test
  void aNanThresholdSetsNoLevelAndIsNoted() throws Exception {
    Path specs = Files.writeString(dir.resolve("nan-specs.json"), NAN_SPECS);
    Path json = dir.resolve("nan.json");
    Cli.Result run = report("notebook", json, specs.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Specs:       1 spec with a NaN threshold set no level:"
        + " validate_drp.PA1.design");
    assertThat(levels(json).get("validate_drp.PA1 validation_data_hsc r"))
        .isEqualTo(Map.of("minimum", 8.0));
  }

  @Test
  void dashboardsDrawNoNanLevelAndDescribeEachPanel() throws Exception {
    Path specs = Files.writeString(dir.resolve("nan-specs-2.json"), NAN_SPECS);
    Path out = dir.resolve("dash-nan");
    Cli.Result run = Cli.run("dashboards", "--for", "grafana", "-o", out.toString(),
        "--influx-url", influx.url(), "--db", "notebook", "--mapping", "notebook",
        "--specs", specs.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).contains("specs: 1 spec with a NaN threshold set no level");
    String board = Files.readString(out.resolve("grafana/validate_drp.json"));
    assertThat(board).doesNotContain("NaN").contains("\"value\" : 8.0");

    Path described = dir.resolve("dash-described");
    run = Cli.run("dashboards", "--for", "all", "-o", described.toString(),
        "--influx-url", influx.url(), "--db", "notebook", "--mapping", "notebook",
        "--specs", CheckoutFixture.DIR);
    assertThat(run.code()).as(run.toString()).isZero();
    JsonNode grafana = JSON.readTree(described.resolve("grafana/validate_drp.json").toFile());
    JsonNode pa1 = null;
    for (JsonNode panel : grafana.get("panels")) {
      if (panel.get("title").asText().startsWith("validate_drp.PA1 ")) {
        pa1 = panel;
      }
    }
    assertThat(pa1).isNotNull();
    assertThat(pa1.get("title").asText()).isEqualTo("validate_drp.PA1 (mmag)");
    assertThat(pa1.get("description").asText()).isEqualTo("Photometric repeatability: RMS of"
        + " magnitudes of bright stars.\n\nReference: [LPM-17, page 21](https://ls.st/lpm-17)");
    assertThat(Files.readString(described.resolve("chronograf/validate_drp.json")))
        .contains("Photometric repeatability: RMS of magnitudes of bright stars.");
  }
}
