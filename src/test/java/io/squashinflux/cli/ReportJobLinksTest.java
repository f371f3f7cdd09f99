package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.report.PageLinks;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebook model's report leads from a point to its job and CI run, over a real influxd
 * filled by {@code sync}; a database written before the model kept them still reads.
 */
class ReportJobLinksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PA1 = "validate_drp.PA1";
  private static final String CI = "https://ci.lsst.codes/job/validate_drp/";
  private static InfluxServer influx;
  private static TrendData data;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    data = TrendData.start(influx, 300, 0, 0, 0, 0);
    TrendData.writeSpecs(dir);
    // The same points as the notebook model wrote them before it kept ids: metric fields only.
    influx.query(null, "CREATE DATABASE \"old\"");
    List<String> metrics = new ArrayList<>();
    for (List<JsonNode> row : influx.rows("notebook", "SHOW FIELD KEYS FROM \"validate_drp\"")) {
      // SHOW FIELD KEYS has no time column: its rows start with the key.
      if (row.get(0).asText().startsWith("validate_drp.")) {
        metrics.add("\"" + row.get(0).asText() + "\"");
      }
    }
    influx.query("notebook", "SELECT " + String.join(", ", metrics)
        + " INTO \"old\".\"autogen\".\"validate_drp\" FROM \"validate_drp\" GROUP BY *");
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  private record Report(JsonNode json, String html) {}

  private static Report report(String db) throws Exception {
    Path html = dir.resolve(db + ".html");
    Path json = dir.resolve(db + ".json");
    Cli.Result run = Cli.run("report", "--influx-url", influx.url(), "--db", db, "--mapping",
        "notebook", "--specs", dir.resolve("specs.json").toString(), "--measurement",
        "validate_drp", "-o", html.toString(), "--findings", json.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    return new Report(JSON.readTree(json.toFile()), Files.readString(html));
  }

  @Test
  void eachFindingRowNamesItsJobAndLinksItsCiRun() throws Exception {
    Report report = report("notebook");
    JsonNode regressions = report.json().get("regressions");
    assertThat(regressions).isNotEmpty();
    for (JsonNode f : regressions) {
      TrendData.Row first = rowAt(f);
      assertThat(f.get("job").asLong()).as(f.toString()).isEqualTo(first.job());
      assertThat(f.get("url").asText()).startsWith(CI).endsWith("/" + f.get("run").asText() + "/");
      assertThat(report.html()).contains("<a href=\"" + f.get("url").asText() + "\">job "
          + first.job() + " · CI run " + f.get("run").asText() + "</a>");
    }
    assertThat(report.html()).doesNotContain("job not recorded");
  }

  @Test
  void everyPointOfThePagesDataCarriesItsJobAndCiRunPage() throws Exception {
    JsonNode chart = chartData(report("notebook").html(), PA1);
    assertThat(chart.get("series")).isNotEmpty();
    for (JsonNode s : chart.get("series")) {
      List<TrendData.Row> rows = data.series("notebook", PA1, s.get("dataset").asText(),
          s.get("filter").asText());
      assertThat(s.get("jobs")).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertThat(s.get("jobs").get(i).asLong()).isEqualTo(rows.get(i).job());
        assertThat(PageLinks.url(s, i)).startsWith(CI);
        assertThat(PageLinks.url(s, i)).endsWith("/" + s.get("runs").get(i).asText() + "/");
      }
    }
  }

  @Test
  void aDatabaseWrittenBeforeTheModelKeptIdsSaysJobNotRecorded() throws Exception {
    Report report = report("old");
    JsonNode regressions = report.json().get("regressions");
    assertThat(regressions).isNotEmpty().allSatisfy(f -> {
      assertThat(f.get("job").isNull()).isTrue();
      assertThat(f.get("url").isNull()).isTrue();
    });
    assertThat(report.html()).contains("job not recorded");
    JsonNode chart = chartData(report.html(), PA1);
    assertThat(chart.get("series").get(0).get("jobs")).allSatisfy(j -> assertThat(j.isNull()).isTrue());
  }

  private static TrendData.Row rowAt(JsonNode finding) {
    Instant at = Instant.parse(finding.get("at").asText());
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    return data.series("notebook", finding.get("metric").asText(), finding.get("dataset").asText(),
        finding.get("filter").asText()).stream().filter(r -> r.time() == nanos).findFirst()
        .orElseThrow();
  }

  /** The data block the page draws a metric's chart from. */
  private static JsonNode chartData(String html, String metric) throws Exception {
    Matcher m = Pattern.compile("id=\"chart-of-" + Pattern.quote(metric)
        + "\".*?<script type=\"application/json\" id=\"data-\\d+\">(.*?)</script>", Pattern.DOTALL)
        .matcher(html);
    assertThat(m.find()).as("the chart of " + metric).isTrue();
    return JSON.readTree(m.group(1));
  }
}
