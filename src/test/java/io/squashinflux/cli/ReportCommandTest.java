package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Plant;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} over a real influxd holding generated jobs with planted shifts. */
class ReportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static InfluxServer influx;
  private static TrendData data;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    data = TrendData.start(influx, 900, 6, 6, 6, 4);
  }

  @org.junit.jupiter.api.AfterAll
  static void stop() {
    influx.close();
  }

  private static JsonNode report(String db, String... more) throws Exception {
    Path json = dir.resolve(db + "-" + more.length + ".json");
    List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.url(), "--db", db,
        "--mapping", db, "-o", dir.resolve(db + ".html").toString(), "--findings", json.toString()));
    Path specs = TrendData.writeSpecs(dir);
    args.addAll(List.of("--specs", specs.toString()));
    args.addAll(List.of(more));
    Cli.Result run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.toString()).isZero();
    return JSON.readTree(json.toFile());
  }

  private static String key(String metric, String dataset, String filter) {
    return metric + " " + dataset + " " + filter;
  }

  private static Set<String> series(JsonNode findings) {
    Set<String> keys = new TreeSet<>();
    findings.forEach(f -> keys.add(key(f.get("metric").asText(), f.get("dataset").asText(),
        f.get("filter").asText())));
    return keys;
  }

  @Test
  void everyPlantedStepIsFoundWithinOneJobAndNothingElseIsFlagged() throws Exception {
    JsonNode found = report("squash");
    Set<String> expected = new TreeSet<>();
    for (String f : List.of("g", "r", "i", "z", "y")) {
      expected.add(key("validate_drp.PA1", "validation_data_hsc", f));
    }
    List<Plant> steps = data.generator.plants().stream()
        .filter(p -> p.kind() == Plant.Kind.STEP).toList();
    assertThat(steps).hasSize(6);
    for (Plant step : steps) {
      expected.add(key(step.metric(), step.dataset(), step.filter()));
      JsonNode finding = find(found.get("regressions"), step.metric(), step.dataset(), step.filter());
      assertThat(finding).as("step %s", step).isNotNull();
      List<Long> jobs = data.series("squash", step.metric(), step.dataset(), step.filter()).stream()
          .map(TrendData.Row::job).toList();
      int planted = jobs.indexOf(step.job());
      int reported = jobs.indexOf(finding.get("job").asLong());
      assertThat(reported).as("step %s found at job %s", step, finding.get("job")).isBetween(planted - 1, planted + 1);
      assertThat(finding.get("change").asDouble()).isCloseTo(step.size() - 1, within(0.12));
      assertThat(finding.get("direction").asText()).isEqualTo("worse");
    }
    // No outlier, drift or null series, nor any clean one, is flagged.
    assertThat(series(found.get("regressions"))).isEqualTo(expected);
    assertThat(found.get("changes")).isEmpty();
  }

  @Test
  void jsonLevelsAreTheMediansOfInfluxDbsOwnValues() throws Exception {
    JsonNode found = report("squash");
    assertThat(found.get("regressions")).isNotEmpty();
    for (JsonNode f : found.get("regressions")) {
      List<TrendData.Row> rows = data.series("squash", f.get("metric").asText(),
          f.get("dataset").asText(), f.get("filter").asText());
      long at = Instant.parse(f.get("at").asText()).toEpochMilli() * 1_000_000L;
      int index = rows.stream().map(TrendData.Row::time).toList().indexOf(at);
      assertThat(index).isPositive();
      // One shift per series here: each side is as many points as the JSON says were compared.
      int left = f.get("before_points").get("count").asInt();
      int right = f.get("after_points").get("count").asInt();
      assertThat(left).isEqualTo(Math.min(80, index));
      assertThat(right).isEqualTo(Math.min(80, rows.size() - index));
      double before = median(rows.subList(index - left, index));
      double after = median(rows.subList(index, index + right));
      assertThat(f.get("before").asDouble()).isEqualTo(before);
      assertThat(f.get("after").asDouble()).isEqualTo(after);
      assertThat(f.get("change").asDouble()).isCloseTo((after - before) / before, within(1e-12));
      assertThat(f.get("job").asLong()).isEqualTo(rows.get(index).job());
    }
  }

  @Test
  void squashAndNotebookDatabasesOfTheSameJobsFindTheSameRegressions() throws Exception {
    JsonNode squash = report("squash");
    JsonNode notebook = report("notebook");
    assertThat(series(notebook.get("regressions"))).isEqualTo(series(squash.get("regressions")));
    for (JsonNode n : notebook.get("regressions")) {
      JsonNode s = find(squash.get("regressions"), n.get("metric").asText(),
          n.get("dataset").asText(), n.get("filter").asText());
      // The squash model stamps a job with its CI run's first job: at most a run apart.
      Duration apart = Duration.between(Instant.parse(s.get("at").asText()),
          Instant.parse(n.get("at").asText())).abs();
      assertThat(apart).isLessThan(Duration.ofDays(1));
      assertThat(n.get("job").asLong()).isEqualTo(jobAt(n, "notebook"));
      assertThat(n.get("packages_changed")).isEqualTo(s.get("packages_changed"));
    }
  }

  @Test
  void listsCanBeLimitedToSpecCrossingsOrLargeChanges() throws Exception {
    JsonNode all = report("squash");
    JsonNode large = report("squash", "--above", "45");
    JsonNode crossing = report("squash", "--only-crossing", "--measurement", "validate_drp");
    assertThat(large.get("regressions")).isNotEmpty().allSatisfy(f ->
        assertThat(f.get("change").asDouble()).isGreaterThanOrEqualTo(0.45));
    assertThat(large.get("regressions").size()).isLessThan(all.get("regressions").size());
    assertThat(crossing.get("regressions")).allSatisfy(f ->
        assertThat(f.get("crosses")).isNotEmpty());
    for (JsonNode f : all.get("regressions")) {
      assertThat(f.get("p_value").asDouble()).isLessThan(0.001);
      assertThat(f.get("before_points").get("count").asInt()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void directionFromAnOptionMakesAChangeARegressionWithoutSpecs() throws Exception {
    Path json = dir.resolve("no-specs.json");
    List<String> args = List.of("report", "--influx-url", influx.url(), "--db", "squash",
        "--mapping", "squash", "-o", dir.resolve("no-specs.html").toString(), "--findings",
        json.toString(), "--measurement", "validate_drp");
    Cli.Result run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.toString()).isZero();
    JsonNode unknown = JSON.readTree(json.toFile());
    assertThat(unknown.get("regressions")).isEmpty();
    assertThat(series(unknown.get("changes"))).contains(key("validate_drp.PA1", "validation_data_hsc", "r"));
    List<String> ruled = new ArrayList<>(args);
    ruled.addAll(List.of("--lower-is-better", "validate_drp.PA?", "--higher-is-better", "nothing*"));
    run = Cli.run(ruled.toArray(String[]::new));
    assertThat(run.code()).as(run.toString()).isZero();
    JsonNode found = JSON.readTree(json.toFile());
    assertThat(series(found.get("regressions"))).contains(key("validate_drp.PA1", "validation_data_hsc", "r"))
        .allSatisfy(k -> assertThat(k).startsWith("validate_drp.PA1 "));
  }

  @Test
  void failOnRegressionExitsOne() throws Exception {
    Cli.Result run = Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--specs", dir.resolve("specs.json").toString(), "-o", dir.resolve("f.html").toString(),
        "--fail-on-regression", "--measurement", "validate_drp");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("validate_drp.PA1 on validation_data_hsc / r: +");
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    Path notJson = Files.writeString(dir.resolve("specs.txt"), "PA1 <= 5 mmag\n");
    String html = dir.resolve("bad.html").toString();
    assertOneLine(Cli.run("report", "--influx-url", influx.url(), "--db", "nope", "-o", html),
        "squash-influx: InfluxDB has no database \"nope\" (database not found: nope): check --db");
    assertOneLine(Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--mapping", "squash", "-o", html), "squash-influx: measurement \"ap_verify\" has no tag"
        + " \"filter\" where mapping squash keeps the filter");
    assertOneLine(Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--measurement", "validate", "-o", html), "squash-influx: database \"notebook\" has no"
        + " measurement \"validate\"");
    assertOneLine(Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--specs", notJson.toString(), "-o", html), "squash-influx: " + notJson + " is not JSON");
    assertThat(Path.of(html)).doesNotExist();
  }

  private static void assertOneLine(Cli.Result run, String start) {
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines()).as(run.toString()).singleElement().asString().startsWith(start);
  }

  private static JsonNode find(JsonNode findings, String metric, String dataset, String filter) {
    for (JsonNode f : findings) {
      if (f.get("metric").asText().equals(metric) && f.get("dataset").asText().equals(dataset)
          && f.get("filter").asText().equals(filter)) {
        return f;
      }
    }
    return null;
  }

  /** The job id InfluxDB holds for the finding's first shifted point. */
  private static Long jobAt(JsonNode finding, String db) {
    Instant at = Instant.parse(finding.get("at").asText());
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    return data.series(db, finding.get("metric").asText(), finding.get("dataset").asText(),
        finding.get("filter").asText()).stream().filter(r -> r.time() == nanos)
        .map(TrendData.Row::job).findFirst().orElseThrow();
  }

  private static double median(List<TrendData.Row> rows) {
    double[] v = rows.stream().mapToDouble(TrendData.Row::value).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
