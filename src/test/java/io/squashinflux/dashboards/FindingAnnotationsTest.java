package io.squashinflux.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.cli.Main;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --annotate} on a real influxd holding generated jobs with the demo's planted
 * regression: Chronograf's annotations and the data's findings measurement, and the annotation
 * queries of the generated Grafana dashboards run as Grafana would send them.
 */
class FindingAnnotationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DB = "notebook";
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir static Path tmp;
  static Path jobs;

  @BeforeAll
  static void sync() {
    jobs = tmp.resolve("jobs");
    assertThat(cli("generate", "--count", "300", "--seed", "1", "--format", "verify", "--out",
        jobs.toString())).startsWith("0");
    assertThat(cli("sync", "--from", jobs.toString(), "--mapping", DB, "--no-state",
        "--influx-url", influx.url(), "--db", DB, "--rejects", tmp.resolve("r.jsonl").toString(),
        "--quiet")).startsWith("0");
  }

  private static JsonNode report(String... more) throws IOException {
    Path json = tmp.resolve("findings.json");
    List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.url(), "--db", DB,
        "--mapping", DB, "--specs", jobs.resolve("1.verify.json").toString(), "-o",
        tmp.resolve("report.html").toString(), "--findings", json.toString(), "--annotate"));
    args.addAll(List.of(more));
    String run = cli(args.toArray(String[]::new));
    assertThat(run).startsWith("0");
    JsonNode found = JSON.readTree(json.toFile());
    List<JsonNode> all = new ArrayList<>();
    found.get("regressions").forEach(all::add);
    found.get("changes").forEach(all::add);
    return JSON.valueToTree(all);
  }

  /** metric, dataset, filter and time (ns) of each finding. */
  private static Set<String> keys(JsonNode findings) {
    Set<String> keys = new TreeSet<>();
    for (JsonNode f : findings) {
      Instant at = Instant.parse(f.get("at").asText());
      keys.add(key(f.get("metric").asText(), f.get("dataset").asText(), f.get("filter").asText(),
          at.getEpochSecond() * 1_000_000_000L + at.getNano()));
    }
    return keys;
  }

  private static String key(String metric, String dataset, String filter, long at) {
    return metric + " " + dataset + " " + filter + " " + at;
  }

  /** The annotations in place, live or all: metric, dataset, filter and time of each. */
  private static Set<String> stored(String db, String measurement, String where) {
    Set<String> keys = new TreeSet<>();
    List<List<JsonNode>> rows = influx.rows(db, "SELECT \"text\", \"metric\", \"dataset\", \"filter\""
        + " FROM \"" + measurement + "\"" + where);
    for (List<JsonNode> row : rows) {
      keys.add(key(row.get(2).asText(), row.get(3).asText(), row.get(4).asText(),
          row.get(0).asLong()));
    }
    assertThat(keys).hasSize(rows.size()); // one point per finding, never a second copy
    return keys;
  }

  private static Set<String> chronograf(boolean live) {
    return stored("chronograf", "annotations", " WHERE \"database\" = '" + DB + "'"
        + (live ? " AND \"deleted\" = false" : ""));
  }

  private static Set<String> data(boolean live) {
    return stored(DB, "squash_influx_findings", live ? " WHERE \"deleted\" = false" : "");
  }

  @Test
  void oneAnnotationPerFindingInBothPlacesAndAGoneFindingIsMarkedDeleted() throws IOException {
    Set<String> findings = keys(report());
    assertThat(findings).anyMatch(k -> k.startsWith("validate_drp.PA1 validation_data_hsc "));
    assertThat(chronograf(true)).isEqualTo(findings);
    assertThat(data(true)).isEqualTo(findings);

    assertThat(keys(report())).isEqualTo(findings);
    assertThat(chronograf(false)).isEqualTo(findings);
    assertThat(data(false)).isEqualTo(findings);
    assertChronografReadsThem(findings.size());

    // A size no shift reaches: the findings are gone, and so are their annotations.
    assertThat(report("--above", "100000")).isEmpty();
    assertThat(chronograf(true)).isEmpty();
    assertThat(data(true)).isEmpty();
    assertThat(chronograf(false)).isEqualTo(findings);
    List<List<JsonNode>> deleted = influx.rows("chronograf", "SELECT \"text\", \"start_time\""
        + " FROM \"annotations\" WHERE \"deleted\" = true");
    assertThat(deleted).hasSize(findings.size())
        .allMatch(row -> row.get(1).asText().isEmpty() && row.get(2).asLong() == 0);

    assertThat(keys(report())).isEqualTo(findings);
    assertThat(chronograf(true)).isEqualTo(findings);
    assertThat(data(true)).isEqualTo(findings);
  }

  /**
   * Chronograf's own query (influx/annotations.go, AllAnnotations, over all time) and the columns
   * its reader requires with the types it requires: time, start_time and modified_time_ns
   * integers, text and id strings.
   */
  private static void assertChronografReadsThem(int expected) {
    JsonNode series = influx.query("chronograf", "SELECT * FROM \"annotations\" WHERE"
        + " \"deleted\"=false AND time >= 0ns and \"start_time\" <= " + Long.MAX_VALUE
        + "  ORDER BY time DESC").path("results").path(0).path("series").path(0);
    List<String> columns = new ArrayList<>();
    series.path("columns").forEach(c -> columns.add(c.asText()));
    assertThat(series.path("values")).hasSize(expected);
    for (JsonNode row : series.path("values")) {
      assertThat(row.get(columns.indexOf("time")).isIntegralNumber()).isTrue();
      assertThat(row.get(columns.indexOf("start_time")).asLong())
          .isEqualTo(row.get(columns.indexOf("time")).asLong());
      assertThat(row.get(columns.indexOf("modified_time_ns")).isIntegralNumber()).isTrue();
      assertThat(row.get(columns.indexOf("text")).asText()).contains(" on ");
      assertThat(row.get(columns.indexOf("id")).asText()).startsWith("squash-influx-");
    }
  }

  @Test
  void sinceListsOnlyLaterChangesAndLeavesTheOlderAnnotationsAlone() throws IOException {
    Set<String> findings = keys(report());
    long latest = findings.stream().mapToLong(k -> Long.parseLong(k.substring(k.lastIndexOf(' ') + 1)))
        .max().orElseThrow();
    Instant since = Instant.ofEpochSecond(0, latest);
    Set<String> later = keys(report("--since", since.toString()));
    assertThat(later).isNotEmpty().isEqualTo(new TreeSet<>(findings.stream()
        .filter(k -> Long.parseLong(k.substring(k.lastIndexOf(' ') + 1)) >= latest).toList()));
    assertThat(later.size()).isLessThan(findings.size());
    assertThat(chronograf(true)).isEqualTo(findings); // the earlier ones were not looked at
    assertThat(keys(report("--since", "36500d"))).isEqualTo(findings);
    assertThat(cli("report", "--influx-url", influx.url(), "--db", DB, "--since", "last week"))
        .startsWith("2").contains("--since last week: neither a time");
  }

  @Test
  void everyGrafanaAnnotationQueryReturnsTheFindingsOfItsPanelsMetric() throws IOException {
    Set<String> findings = keys(report());
    Path out = tmp.resolve("dashboards");
    assertThat(cli("dashboards", "--for", "grafana", "-o", out.toString(), "--mapping", DB,
        "--influx-url", influx.url(), "--db", DB, "--specs",
        jobs.resolve("1.verify.json").toString())).startsWith("0");
    long from = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    Set<String> shown = new TreeSet<>();
    int queries = 0;
    for (Path file : DashboardQueriesTest.files(out.resolve("grafana"))) {
      JsonNode board = JSON.readTree(file.toFile());
      String measurement = file.getFileName().toString().replace(".json", "");
      Map<Integer, String> metricOfPanel = new HashMap<>();
      board.path("panels").forEach(p -> metricOfPanel.put(p.path("id").asInt(),
          DashboardQueriesTest.metricOf(p.path("title").asText())));
      List<String> datasets = tagValues(measurement, "dataset");
      List<String> filters = tagValues(measurement, "filter_name");
      for (JsonNode a : board.path("annotations").path("list")) {
        assertThat(a.path("filter").path("ids")).hasSize(1);
        String metric = metricOfPanel.get(a.path("filter").path("ids").path(0).asInt());
        assertThat(metric).isNotNull();
        Set<String> expected = new TreeSet<>(findings.stream()
            .filter(k -> k.startsWith(metric + " ")).toList());
        String sent = Substitution.grafana(a.path("query").asText(), from, to, 1000,
            Map.of("dataset", datasets, "filter", filters));
        assertThat(grafanaRows(sent, metric)).as(sent).isEqualTo(expected);
        shown.addAll(expected);
        // One dataset and one filter picked: only theirs.
        String one = Substitution.grafana(a.path("query").asText(), from, to, 1000,
            Map.of("dataset", datasets.subList(0, 1), "filter", filters.subList(0, 1)));
        assertThat(grafanaRows(one, metric)).as(one).isEqualTo(new TreeSet<>(expected.stream()
            .filter(k -> k.startsWith(metric + " " + datasets.get(0) + " " + filters.get(0) + " "))
            .toList()));
        queries++;
      }
      assertThat(board.path("annotations").path("list")).hasSameSizeAs(board.path("panels"));
    }
    assertThat(queries).isGreaterThan(5);
    assertThat(shown).isEqualTo(findings);
  }

  /** What Grafana gets back: the text column and the tags, as finding keys. */
  private static Set<String> grafanaRows(String query, String metric) {
    Set<String> keys = new TreeSet<>();
    for (List<JsonNode> row : influx.rows(DB, query)) {
      assertThat(row.get(1).asText()).contains(metric);
      keys.add(key(metric, row.get(2).asText(), row.get(3).asText(), row.get(0).asLong()));
    }
    return keys;
  }

  private static List<String> tagValues(String measurement, String key) {
    List<String> values = new ArrayList<>();
    influx.rows(DB, "SHOW TAG VALUES FROM \"" + measurement + "\" WITH KEY = \"" + key + "\"")
        .forEach(row -> values.add(row.get(1).asText()));
    return values;
  }

  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return code + "\n" + out + "\n" + err;
  }
}
