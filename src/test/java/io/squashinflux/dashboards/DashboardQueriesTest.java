package io.squashinflux.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.squashinflux.cli.Main;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated dashboards read what InfluxDB holds: on a real influxd holding the same generated
 * jobs synced with each data model, every graph's query, its template variables substituted the
 * way Chronograf and Grafana substitute them ({@link Substitution}), returns exactly the series and
 * values of a direct query for that metric, dataset and filter, bucketed as its GROUP BY time asks
 * (a bucket's mean; a bucket holds one job's value unless two jobs of one series share it).
 */
class DashboardQueriesTest {
  static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir static Path tmp;
  static Path jobs;
  static final Map<String, String> printed = new java.util.HashMap<>();

  @BeforeAll
  static void syncBothModelsAndMakeDashboards() {
    jobs = tmp.resolve("jobs");
    assertThat(cli("generate", "--count", "45", "--seed", "5", "--format", "verify", "--out",
        jobs.toString())).startsWith("0");
    for (String model : List.of("notebook", "squash")) {
      assertThat(cli("sync", "--from", jobs.toString(), "--mapping", model, "--no-state",
          "--influx-url", influx.url(), "--db", model, "--rejects", tmp.resolve("rejects.jsonl").toString(),
          "--quiet")).startsWith("0");
      printed.put(model, cli("dashboards", "--for", "all", "-o", out(model).toString(), "--mapping",
          model, "--influx-url", influx.url(), "--db", model, "--specs",
          jobs.resolve("1.verify.json").toString()));
      assertThat(printed.get(model)).startsWith("0");
    }
  }

  /**
   * Each board opens on its data: Grafana's time range runs from a little before the
   * measurement's first point to a little after its last (a twentieth of the span, at least a
   * day); a Chronograf file cannot hold a range, so README.txt gives each board's
   * {@code ?lower=&upper=} for its address, the same range, and the command prints the whole one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void dashboardsOpenOnTheDataTimeSpan(String model) throws IOException {
    String readme = Files.readString(out(model).resolve("README.txt"));
    Instant earliest = null;
    Instant latest = null;
    for (Path file : files(out(model).resolve("grafana"))) {
      String measurement = file.getFileName().toString().replace(".json", "");
      Instant first = Instant.ofEpochMilli(timeMs(model, measurement, "ASC"));
      Instant last = Instant.ofEpochMilli(timeMs(model, measurement, "DESC"));
      java.time.Duration margin = java.time.Duration.between(first, last).dividedBy(20);
      margin = margin.compareTo(java.time.Duration.ofDays(1)) < 0 ? java.time.Duration.ofDays(1) : margin;
      JsonNode time = JSON.readTree(file.toFile()).path("time");
      Instant from = Instant.parse(time.path("from").asText());
      Instant to = Instant.parse(time.path("to").asText());
      assertThat(from).as("%s from", file).isBefore(first)
          .isAfterOrEqualTo(first.minus(margin).minusSeconds(1));
      assertThat(to).as("%s to", file).isAfter(last).isBeforeOrEqualTo(last.plus(margin).plusSeconds(1));
      assertThat(readme).contains("    " + file.getFileName() + "  ?lower=" + from + "&upper=" + to);
      earliest = earliest == null || from.isBefore(earliest) ? from : earliest;
      latest = latest == null || to.isAfter(latest) ? to : latest;
    }
    assertThat(printed.get(model)).contains("add ?lower=" + earliest + "&upper=" + latest
        + " to its address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void everyMetricOfTheJobsHasAGraphOfEachKind(String model) throws IOException {
    Map<String, Set<String>> expected = metricsInJobs();
    for (String kind : List.of("chronograf", "grafana")) {
      Map<String, Set<String>> found = new TreeMap<>();
      for (Path file : files(out(model).resolve(kind))) {
        JsonNode d = JSON.readTree(file.toFile());
        JsonNode graphs = kind.equals("grafana") ? d.path("panels") : d.path("dashboard").path("cells");
        for (JsonNode graph : graphs) {
          found.computeIfAbsent(file.getFileName().toString().replace(".json", ""),
              k -> new TreeSet<>()).add(metricOf(graph.path(kind.equals("grafana") ? "title" : "name").asText()));
        }
      }
      assertThat(found).as("%s dashboards of the %s model", kind, model).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void chronografGraphsReturnTheDirectSeries(String model) throws IOException {
    int compared = 0;
    Instant first = Instant.ofEpochMilli(timeMs(model, "ASC")).minusSeconds(86_400);
    Instant last = Instant.ofEpochMilli(timeMs(model, "DESC")).plusSeconds(86_400);
    long days = java.time.Duration.between(first, Instant.now()).toDays() + 1;
    for (Path file : files(out(model).resolve("chronograf"))) {
      JsonNode dashboard = JSON.readTree(file.toFile()).path("dashboard");
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (JsonNode template : dashboard.path("templates")) {
        List<String> list = new ArrayList<>();
        template.path("values").forEach(v -> list.add(v.path("value").asText()));
        values.put(template.path("tempVar").asText(), list);
      }
      for (JsonNode cell : dashboard.path("cells")) {
        String query = cell.path("queries").path(0).path("query").asText();
        String metric = metricOf(cell.path("name").asText());
        List<String> filters = values.getOrDefault(":filter:", List.of(""));
        // Every dataset with one filter, and the first dataset with every filter.
        List<List<String>> picks = new ArrayList<>();
        values.get(":dataset:").forEach(dataset -> picks.add(List.of(dataset, filters.get(0))));
        filters.subList(1, filters.size())
            .forEach(filter -> picks.add(List.of(values.get(":dataset:").get(0), filter)));
        for (List<String> pick : picks) {
          Map<String, String> picked = Substitution.chronografValues(dashboard.path("templates"),
              Map.of(":dataset:", pick.get(0), ":filter:", pick.get(1)));
          // An absolute range around the data (a tight one: one job per bucket), and the
          // relative "now() - Nd" form, for the first pick.
          String absolute = Substitution.chronograf(query, Substitution.chronografTime(first),
              Substitution.chronografTime(last), last.toEpochMilli() - first.toEpochMilli(), picked);
          compared += compare(model, absolute, metric, pick.get(0), pick.get(1),
              Math.round((last.toEpochMilli() - first.toEpochMilli()) / 360.0));
          if (pick == picks.get(0)) {
            String relative = Substitution.chronograf(query, "now() - " + days + "d", "now()",
                days * 86_400_000L, picked);
            compared += compare(model, relative, metric, pick.get(0), pick.get(1),
                Math.round(days * 86_400_000L / 360.0));
          }
        }
      }
    }
    assertThat(compared).as("points compared").isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void grafanaPanelsReturnTheDirectSeries(String model) throws IOException {
    int compared = 0;
    long from = timeMs(model, "ASC") - 86_400_000L;
    long to = timeMs(model, "DESC") + 86_400_000L;
    for (Path file : files(out(model).resolve("grafana"))) {
      JsonNode d = JSON.readTree(file.toFile());
      String measurement = file.getFileName().toString().replace(".json", "");
      List<String> datasets = tagValues(model, measurement, datasetTag(model));
      List<String> filters = tagValues(model, measurement, filterTag(model));
      // "All" for both variables, then two datasets and one filter picked.
      List<Map<String, List<String>>> picks = List.of(
          Map.of("dataset", datasets, "filter", filters),
          Map.of("dataset", datasets.subList(0, Math.min(2, datasets.size())),
              "filter", filters.subList(0, 1)));
      for (JsonNode panel : d.path("panels")) {
        String query = panel.path("targets").path(0).path("query").asText();
        String metric = metricOf(panel.path("title").asText());
        for (Map<String, List<String>> pick : picks) {
          String sent = Substitution.grafana(query, from, to, 1000, pick);
          long bucket = Substitution.millis(Substitution.grafanaInterval(from, to, 1000));
          for (String dataset : pick.get("dataset")) {
            for (String filter : pick.get("filter")) {
              if (pick == picks.get(1) || filter.equals(filters.get(filters.size() - 1))) {
                compared += compare(model, sent, metric, dataset, filter, bucket);
              }
            }
          }
          assertThat(seriesOf(model, sent).keySet()).as(sent)
              .allMatch(tags -> pick.get("dataset").contains(tags.get(0))
                  && pick.get("filter").contains(tags.get(1)));
        }
      }
    }
    assertThat(compared).as("points compared").isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void variableQueriesListTheTagValues(String model) throws IOException {
    for (Path file : files(out(model).resolve("chronograf"))) {
      for (JsonNode t : JSON.readTree(file.toFile()).path("dashboard").path("templates")) {
        JsonNode q = t.path("query");
        if (t.path("tempVar").asText().equals(":filter:")) {
          continue; // a query of its own, on :dataset:: chronografFilterListsThePickedDatasetsFilters
        }
        String sent = Substitution.chronografTemplate(q.path("influxql").asText(),
            q.path("db").asText(), q.path("measurement").asText(), q.path("tagKey").asText());
        List<String> listed = new ArrayList<>();
        t.path("values").forEach(v -> listed.add(v.path("value").asText()));
        assertThat(column(model, sent)).as(sent).isEqualTo(listed)
            .isEqualTo(tagValues(model, q.path("measurement").asText(), q.path("tagKey").asText()));
      }
    }
    for (Path file : files(out(model).resolve("grafana"))) {
      String measurement = file.getFileName().toString().replace(".json", "");
      List<String> datasets = tagValues(model, measurement, datasetTag(model));
      for (JsonNode v : JSON.readTree(file.toFile()).path("templating").path("list")) {
        if (!v.path("type").asText().equals("query")) {
          continue;
        }
        String sent = Substitution.grafana(v.path("query").asText(), 0, 0, 1,
            Map.of("dataset", datasets));
        String tag = v.path("name").asText().equals("dataset") ? datasetTag(model) : filterTag(model);
        assertThat(column(model, sent)).as(sent).isEqualTo(tagValues(model, measurement, tag));
      }
    }
  }

  /**
   * Chronograf's {@code :filter:} lists the filters of the dataset picked in {@code :dataset:}:
   * on a database whose datasets were observed in different filters, its query (with
   * {@code :dataset:} put in as Chronograf renders it) answers each dataset's own filters, the
   * file opens on the first dataset's, and {@code :dataset:} comes first: every variable a
   * template's query names is listed before it, in both kinds.
   */
  @org.junit.jupiter.api.Test
  void chronografFilterListsThePickedDatasetsFilters() throws IOException {
    influx.query(null, "CREATE DATABASE \"bands\"");
    String lines = "validate_drp,dataset=cfht,filter_name=r validate_drp.PA1=1 1600000000000000000\n"
        + "validate_drp,dataset=cfht,filter_name=i validate_drp.PA1=2 1600000000000000000\n"
        + "validate_drp,dataset=hsc,filter_name=g validate_drp.PA1=3 1600000000000000000\n"
        + "validate_drp,dataset=hsc,filter_name=y validate_drp.PA1=4 1600000000000000000\n";
    assertThat(influx.write("bands", lines)).isEqualTo(204);
    Path dir = tmp.resolve("dashboards-bands");
    assertThat(cli("dashboards", "--for", "all", "-o", dir.toString(), "--influx-url",
        influx.url(), "--db", "bands")).startsWith("0");
    JsonNode templates = JSON.readTree(dir.resolve("chronograf/validate_drp.json").toFile())
        .path("dashboard").path("templates");
    assertThat(templates).extracting(t -> t.path("tempVar").asText())
        .containsExactly(":dataset:", ":filter:");
    JsonNode filter = templates.get(1);
    String query = filter.path("query").path("influxql").asText();
    assertThat(query).contains(":dataset:");
    Map<String, List<String>> expected = Map.of("cfht", List.of("i", "r"), "hsc", List.of("g", "y"));
    for (Map.Entry<String, List<String>> dataset : expected.entrySet()) {
      String sent = query.replace(":dataset:", Substitution.chronografValues(templates,
          Map.of(":dataset:", dataset.getKey())).get(":dataset:"));
      assertThat(column("bands", sent)).as(sent).isEqualTo(dataset.getValue());
    }
    assertThat(filter.path("values")).extracting(v -> v.path("value").asText())
        .containsExactly("i", "r");
    for (String model : List.of("notebook", "squash")) {
      for (Path file : files(out(model).resolve("chronograf"))) {
        assertDependentOrder(JSON.readTree(file.toFile()).path("dashboard").path("templates"),
            "tempVar", t -> t.path("query").path("influxql").asText(), file);
      }
      for (Path file : files(out(model).resolve("grafana"))) {
        JsonNode list = JSON.readTree(file.toFile()).path("templating").path("list");
        assertDependentOrder(list, "name", v -> v.path("query").asText(), file);
      }
    }
  }

  /**
   * With {@code --squash-url}, the API's {@code /metrics} descriptions reach both kinds (Grafana's
   * panel description, Chronograf's graph note) and its {@code /specs} directions colour the
   * levels: a purity (higher is better) past its stretch level is the stretch colour like a PA1
   * (lower is better) under its stretch, in Grafana's steps and Chronograf's colours alike.
   */
  @org.junit.jupiter.api.Test
  void descriptionsAndDirectionsOfTheSquashApiReachBothKinds() throws Exception {
    try (io.squashinflux.demo.SquashApiServer api = io.squashinflux.demo.SquashApiServer.start(
        new io.squashinflux.demo.JobGenerator(io.squashinflux.demo.GeneratorSettings.of(5, 3)), 0)) {
      Path dir = tmp.resolve("dashboards-api");
      assertThat(cli("dashboards", "--for", "all", "-o", dir.toString(), "--influx-url",
          influx.url(), "--db", "notebook", "--squash-url", api.url().toString())).startsWith("0");
      java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(api.url().resolve("/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      Map<String, String> descriptions = new TreeMap<>();
      JSON.readTree(answer.body()).path("metrics").forEach(m ->
          descriptions.put(m.path("name").asText(), m.path("description").asText()));
      int checked = 0;
      for (Path file : files(dir.resolve("grafana"))) {
        for (JsonNode panel : JSON.readTree(file.toFile()).path("panels")) {
          String metric = metricOf(panel.path("title").asText());
          assertThat(panel.path("description").asText()).as(metric)
              .startsWith(descriptions.get(metric)).contains("http://ls.st/lpm-17");
          checked++;
        }
      }
      for (Path file : files(dir.resolve("chronograf"))) {
        for (JsonNode cell : JSON.readTree(file.toFile()).path("dashboard").path("cells")) {
          if (cell.path("type").asText().equals("line")) {
            String metric = metricOf(cell.path("name").asText());
            assertThat(cell.path("note").asText()).as(metric).startsWith(descriptions.get(metric));
            checked++;
          }
        }
      }
      assertThat(checked).isGreaterThan(10);
      // A value better than stretch, each way round.
      assertThat(colourOf(dir, "pipe_analysis", "pipe_analysis.starGalaxyPurity", 99.5))
          .containsOnly(io.squashinflux.specs.LevelColour.STRETCH.line());
      assertThat(colourOf(dir, "validate_drp", "validate_drp.PA1", 1.0))
          .containsOnly(io.squashinflux.specs.LevelColour.STRETCH.line());
      // Between minimum and design: amber, not the red of failing.
      assertThat(colourOf(dir, "pipe_analysis", "pipe_analysis.starGalaxyPurity", 92.0))
          .containsOnly(io.squashinflux.specs.LevelColour.MINIMUM.line());
      assertThat(colourOf(dir, "pipe_analysis", "pipe_analysis.starGalaxyPurity", 80.0))
          .containsOnly(io.squashinflux.specs.LevelColour.FAILS.line());
    }
  }

  /** The colour Grafana's steps and Chronograf's latest-value cell give this value of a metric. */
  private static List<String> colourOf(Path dir, String measurement, String metric, double value)
      throws IOException {
    List<String> colours = new ArrayList<>();
    for (JsonNode panel : JSON.readTree(dir.resolve("grafana/" + measurement + ".json").toFile())
        .path("panels")) {
      if (metricOf(panel.path("title").asText()).equals(metric)) {
        String colour = null;
        for (JsonNode step : panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")) {
          colour = step.path("value").isNull() || value >= step.path("value").asDouble()
              ? step.path("color").asText() : colour;
        }
        colours.add(colour);
      }
    }
    for (JsonNode cell : JSON.readTree(dir.resolve("chronograf/" + measurement + ".json").toFile())
        .path("dashboard").path("cells")) {
      if (cell.path("type").asText().equals("single-stat")
          && metricOf(cell.path("name").asText()).equals(metric)) {
        String colour = null;
        for (JsonNode c : cell.path("colors")) { // Chronograf sorts them by value
          colour = value >= Double.parseDouble(c.path("value").asText()) ? c.path("hex").asText() : colour;
        }
        colours.add(colour);
      }
    }
    assertThat(colours).as("%s in both kinds", metric).hasSize(2);
    return colours;
  }

  /** Every variable a template's query names is listed before that template. */
  private static void assertDependentOrder(JsonNode templates, String nameKey,
      java.util.function.Function<JsonNode, String> query, Path file) {
    List<String> names = new ArrayList<>();
    templates.forEach(t -> names.add(t.path(nameKey).asText()));
    for (int i = 0; i < names.size(); i++) {
      String q = query.apply(templates.get(i));
      for (int j = i; j < names.size(); j++) {
        String name = names.get(j);
        String used = name.startsWith(":") ? name : "$" + name;
        assertThat(q.contains(used) && j != i).as("%s: %s names %s, listed later", file,
            names.get(i), name).isFalse();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void filesHoldWhatEachProgramRequires(String model) throws IOException {
    for (Path file : files(out(model).resolve("chronograf"))) {
      assertThat(Formats.chronograf(JSON.readTree(file.toFile()))).as("missing in %s", file).isEmpty();
    }
    for (Path file : files(out(model).resolve("grafana"))) {
      JsonNode d = JSON.readTree(file.toFile());
      assertThat(Formats.grafana(d)).as("missing in %s", file).isEmpty();
      // Every query goes to the data source variable, which defaults to the provisioned one.
      JsonNode datasource = d.path("templating").path("list").get(0);
      assertThat(datasource.path("type").asText()).isEqualTo("datasource");
      assertThat(datasource.path("query").asText()).isEqualTo("influxdb");
      assertThat(datasource.path("current").path("value").asText()).isEqualTo(Provisioning.DATASOURCE_UID);
      assertThat(d.path("panels")).allSatisfy(p -> assertThat(p.path("targets").path(0)
          .path("datasource").path("uid").asText()).isEqualTo("${datasource}"));
      assertThat(d.path("templating").path("list")).filteredOn(v -> v.path("type").asText().equals("query"))
          .extracting(v -> v.path("name").asText() + " multi=" + v.path("multi") + " all=" + v.path("includeAll"))
          .containsExactly("dataset multi=true all=true", "filter multi=true all=true");
    }
    String provider = Files.readString(out(model).resolve("provisioning/dashboards/squash-influx.yaml"));
    assertThat(provider).contains("type: file", "path: \"" + out(model).resolve("grafana").toAbsolutePath());
    String source = Files.readString(out(model).resolve("provisioning/datasources/squash-influx.yaml"));
    assertThat(source).contains("type: influxdb", "url: \"" + influx.url() + "\"",
        "dbName: \"" + model + "\"", "uid: " + Provisioning.DATASOURCE_UID);
    assertThat(Files.readString(out(model).resolve("README.txt")))
        .contains("Import Dashboard", "GF_PATHS_PROVISIONING", "not inside a running");
  }

  @ParameterizedTest
  @ValueSource(strings = {"notebook", "squash"})
  void unitsAndSpecLevelsComeFromTheSpecsFile(String model) throws IOException {
    JsonNode grafana = JSON.readTree(out(model).resolve("grafana/validate_drp.json").toFile());
    JsonNode pa1 = null;
    for (JsonNode panel : grafana.path("panels")) {
      pa1 = metricOf(panel.path("title").asText()).equals("validate_drp.PA1") ? panel : pa1;
    }
    assertThat(pa1).as("the PA1 panel").isNotNull();
    JsonNode defaults = pa1.path("fieldConfig").path("defaults");
    assertThat(defaults.path("unit").asText()).isEqualTo("suffix: mmag");
    List<Double> levels = new ArrayList<>();
    defaults.path("thresholds").path("steps").forEach(step -> levels.add(step.path("value").isNull()
        ? null : step.path("value").asDouble()));
    // The generated job files' specs (sample/Reference.specs, around PA1's typical 12 mmag):
    // stretch 10.2, design 13.8 and minimum 18.0 mmag, all "<=".
    assertThat(levels).containsExactly(null, 10.2, 13.8, 18.0);
    assertThat(defaults.path("custom").path("thresholdsStyle").path("mode").asText())
        .isEqualTo("dashed+area");
    JsonNode chronograf = JSON.readTree(out(model).resolve("chronograf/validate_drp.json").toFile());
    JsonNode cell = null;
    for (JsonNode c : chronograf.path("dashboard").path("cells")) {
      cell = metricOf(c.path("name").asText()).equals("validate_drp.PA1")
          && c.path("type").asText().equals("line") ? c : cell;
    }
    assertThat(cell.path("axes").path("y").path("label").asText()).isEqualTo("mmag");
    assertThat(cell.path("note").asText()).contains("design <= 13.8 mmag", "minimum <= 18.0 mmag");
  }

  @org.junit.jupiter.api.Test
  void aNamedRetentionPolicyIsReadThroughInBothKinds() throws IOException {
    Path dir = tmp.resolve("dashboards-rp");
    assertThat(cli("dashboards", "--for", "all", "-o", dir.toString(), "--influx-url",
        influx.url(), "--db", "notebook", "--rp", "autogen")).startsWith("0");
    JsonNode board = JSON.readTree(dir.resolve("chronograf/validate_drp.json").toFile())
        .path("dashboard");
    JsonNode cell = board.path("cells").get(0);
    String chronograf = cell.path("queries").path(0).path("query").asText();
    assertThat(chronograf).contains("FROM \"notebook\".\"autogen\".\"validate_drp\"");
    JsonNode panel = JSON.readTree(dir.resolve("grafana/validate_drp.json").toFile()).path("panels").get(0);
    String grafana = panel.path("targets").path(0).path("query").asText();
    assertThat(grafana).contains("FROM \"autogen\".\"validate_drp\"");
    long from = timeMs("notebook", "ASC") - 86_400_000L;
    long to = timeMs("notebook", "DESC") + 86_400_000L;
    List<String> datasets = tagValues("notebook", "validate_drp", "dataset");
    List<String> filters = tagValues("notebook", "validate_drp", "filter_name");
    int compared = compare("notebook", Substitution.chronograf(chronograf,
        Substitution.chronografTime(Instant.ofEpochMilli(from)),
        Substitution.chronografTime(Instant.ofEpochMilli(to)), to - from,
        Substitution.chronografValues(board.path("templates"),
            Map.of(":dataset:", datasets.get(0), ":filter:", filters.get(0)))),
        metricOf(cell.path("name").asText()), datasets.get(0), filters.get(0),
        Math.round((to - from) / 360.0));
    compared += compare("notebook", Substitution.grafana(grafana, from, to, 1000,
        Map.of("dataset", datasets, "filter", filters)), metricOf(panel.path("title").asText()),
        datasets.get(0), filters.get(0), Substitution.millis(Substitution.grafanaInterval(from, to, 1000)));
    assertThat(compared).isPositive();
  }

  @org.junit.jupiter.api.Test
  void measurementsWhoseNamesLookAlikeGetAFileEach() throws IOException {
    influx.query(null, "CREATE DATABASE \"alike\"");
    StringBuilder lines = new StringBuilder();
    for (String m : List.of("ap\\ verify", "ap/verify", "ap_verify")) {
      lines.append(m).append(",dataset=d,filter_name=r ").append(m).append(".m=1 1600000000000000000\n");
    }
    assertThat(influx.write("alike", lines.toString())).isEqualTo(204);
    Path dir = tmp.resolve("dashboards-alike");
    assertThat(cli("dashboards", "--for", "all", "-o", dir.toString(), "--influx-url",
        influx.url(), "--db", "alike")).startsWith("0");
    for (String kind : List.of("chronograf", "grafana")) {
      try (var files = java.nio.file.Files.list(dir.resolve(kind))) {
        assertThat(files.filter(f -> f.toString().endsWith(".json"))).as(kind).hasSize(3);
      }
    }
    List<String> listed = java.nio.file.Files.readAllLines(dir.resolve("README.txt")).stream()
        .filter(l -> l.startsWith("  ap")).toList();
    assertThat(listed).hasSize(3).doesNotHaveDuplicates();
  }

  /**
   * Runs a dashboard's query and checks its series for one dataset and filter against the direct
   * query's points, bucketed by {@code bucketMs}; returns the points compared.
   */
  private int compare(String model, String sent, String metric, String dataset, String filter,
      long bucketMs) {
    String pkg = metric.substring(0, metric.indexOf('.'));
    String field = model.equals("squash") ? metric.substring(metric.indexOf('.') + 1) : metric;
    String direct = "SELECT \"" + field + "\" FROM \"" + pkg + "\" WHERE \"" + datasetTag(model)
        + "\" = '" + dataset + "'" + (filter.isEmpty() ? "" : " AND \"" + filterTag(model)
        + "\" = '" + filter + "'") + " AND \"" + field + "\" = \"" + field + "\"";
    TreeMap<Long, List<Double>> buckets = new TreeMap<>();
    for (List<JsonNode> row : influx.rows(model, direct)) {
      long ms = row.get(0).asLong() / 1_000_000;
      buckets.computeIfAbsent(Math.floorDiv(ms, bucketMs) * bucketMs, b -> new ArrayList<>())
          .add(row.get(1).asDouble());
    }
    List<JsonNode> got = seriesOf(model, sent).getOrDefault(
        filter.isEmpty() ? List.of(dataset) : List.of(dataset, filter), List.of());
    assertThat(got).as("%s for %s/%s: %s", metric, dataset, filter, sent).hasSize(buckets.size());
    int i = 0;
    for (Map.Entry<Long, List<Double>> bucket : buckets.entrySet()) {
      JsonNode row = got.get(i++);
      assertThat(row.get(0).asLong() / 1_000_000).as("bucket time of %s", sent).isEqualTo(bucket.getKey());
      List<Double> points = bucket.getValue();
      double mean = points.stream().mapToDouble(Double::doubleValue).sum() / points.size();
      if (points.size() == 1) {
        assertThat(row.get(1).asDouble()).as("%s at %s", metric, bucket.getKey()).isEqualTo(mean);
      } else {
        assertThat(row.get(1).asDouble()).isCloseTo(mean, within(Math.abs(mean) * 1e-12));
      }
    }
    return buckets.size();
  }

  /** The rows of each series of an answer, by its tag values (dataset, filter). */
  private Map<List<String>, List<JsonNode>> seriesOf(String model, String influxQl) {
    Map<List<String>, List<JsonNode>> series = new LinkedHashMap<>();
    for (JsonNode s : influx.query(model, influxQl).path("results").path(0).path("series")) {
      List<String> tags = new ArrayList<>();
      tags.add(s.path("tags").path(datasetTag(model)).asText());
      if (s.path("tags").has(filterTag(model))) {
        tags.add(s.path("tags").path(filterTag(model)).asText());
      }
      List<JsonNode> rows = new ArrayList<>();
      s.path("values").forEach(rows::add);
      series.put(tags, rows);
    }
    return series;
  }

  private List<String> tagValues(String model, String measurement, String tag) {
    return column(model, "SHOW TAG VALUES FROM \"" + measurement + "\" WITH KEY = \"" + tag + "\"");
  }

  private List<String> column(String model, String influxQl) {
    List<String> values = new ArrayList<>();
    influx.rows(model, influxQl).forEach(row -> values.add(row.get(1).asText()));
    return values;
  }

  private long timeMs(String model, String order) {
    return timeMs(model, "validate_drp", order);
  }

  private long timeMs(String model, String measurement, String order) {
    return influx.rows(model, "SELECT * FROM \"" + measurement + "\" ORDER BY time " + order
        + " LIMIT 1").get(0).get(0).asLong() / 1_000_000;
  }

  /** The metrics with at least one number in the generated jobs, by package. */
  private static Map<String, Set<String>> metricsInJobs() throws IOException {
    Map<String, Set<String>> metrics = new TreeMap<>();
    for (Path job : files(jobs)) {
      for (JsonNode m : JSON.readTree(job.toFile()).path("measurements")) {
        String name = m.path("metric").asText();
        if (m.path("value").isNumber() && Double.isFinite(m.path("value").asDouble())) {
          metrics.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new TreeSet<>()).add(name);
        }
      }
    }
    return metrics;
  }

  /** A graph's title is the metric, then its unit in brackets. */
  static String metricOf(String title) {
    int bracket = title.indexOf(" (");
    return bracket < 0 ? title : title.substring(0, bracket);
  }

  static String datasetTag(String model) {
    return "dataset";
  }

  static String filterTag(String model) {
    return model.equals("squash") ? "filter" : "filter_name";
  }

  static Path out(String model) {
    return tmp.resolve("dashboards-" + model);
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Runs the command line; returns the exit code, then stdout and stderr. */
  static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return code + "\n" + out + "\n" + err;
  }
}
