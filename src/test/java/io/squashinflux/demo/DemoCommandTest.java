package io.squashinflux.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.cli.Main;
import io.squashinflux.influx.Series;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printedQueryResultsAreWhatTheDatabaseHolds() throws Exception {
    try (InfluxServer influx = InfluxServer.start()) {
      int code = demo("--jobs", "60", "--seed", "5", "--mapping", "squash",
          "--influx-url", influx.url(), "--db", "demo-test");
      assertThat(code).as(err.toString()).isZero();
      List<String> lines = out.toString().lines().toList();
      int checked = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("  > ")) {
          JsonNode result = query(influx.url(), "demo-test", lines.get(i).substring(4));
          List<String> expected = DemoQueries.table(series(result));
          assertThat(expected).isNotEqualTo(List.of("(no rows)"));
          List<String> printed = lines.subList(i + 1, i + 1 + expected.size()).stream()
              .map(String::strip).toList();
          assertThat(printed).isEqualTo(expected.stream().map(String::strip).toList());
          checked++;
        }
      }
      assertThat(checked).isEqualTo(5);
      assertThat(out.toString()).contains("influx -host 127.0.0.1 -port " + influx.port()
          + " -database demo-test");
    }
  }

  @Test
  void theRegressionShowsAsTheGeneratedValuesBeforeAndAfterItsDate() throws Exception {
    try (InfluxServer influx = InfluxServer.start()) {
      assertThat(demo("--jobs", "60", "--seed", "5", "--influx-url", influx.url())).isZero();
      JobGenerator generator = demo(60, 5).generator();
      Regression regression = generator.regression().orElseThrow();
      double[] before = meanPa1(generator, regression, true);
      double[] after = meanPa1(generator, regression, false);
      List<String> lines = out.toString().lines().toList();
      int at = lines.indexOf(lines.stream().filter(l -> l.contains("AND time < '")).findFirst().orElseThrow());
      assertThat(lines.get(at + 2).split("\\s+")).containsExactly("", String.valueOf((long) before[1]),
          String.format(java.util.Locale.ROOT, "%.6g", before[0]));
      assertThat(lines.get(at + 7).split("\\s+")).containsExactly("", String.valueOf((long) after[1]),
          String.format(java.util.Locale.ROOT, "%.6g", after[0]));
      assertThat(after[0] / before[0]).isCloseTo(1.5, within(0.2));
    }
  }

  @Test
  void endsWithTheReportFlaggingThePlantedRegressionOnly() throws Exception {
    try (InfluxServer influx = InfluxServer.start()) {
      assertThat(demo("--jobs", "300", "--mapping", "squash", "--influx-url", influx.url()))
          .as(err.toString()).isZero();
      Regression regression = demo(300, 1).generator().regression().orElseThrow();
      assertThat(reports.resolve("squash-report.html")).isNotEmptyFile();
      assertThat(out.toString()).contains("Report:      " + reports.resolve("squash-report.html"));
      List<String> lines = out.toString().lines().toList();
      int at = lines.indexOf("Regressions: 5");
      assertThat(at).as(out.toString()).isPositive();
      List<String> found = lines.subList(at + 1, at + 6);
      String first = io.squashinflux.report.ReportJson.isoDate(
          regression.at().getEpochSecond() * 1_000_000_000L);
      assertThat(found).allSatisfy(line -> assertThat(line)
          .startsWith("  validate_drp.PA1 on validation_data_hsc / "));
      assertThat(found).anySatisfy(line -> assertThat(line).contains(": +", "from " + first));
      assertThat(lines.get(at + 6)).startsWith("Changes:     0");
    }
  }

  @Test
  void stopsAndDeletesEverythingItStarted() throws Exception {
    assertThat(demo("--jobs", "30")).as(err.toString()).isZero();
    long pid = Long.parseLong(find("a private influxd \\(PID (\\d+)\\)"));
    Path dir = Path.of(find("with its data in (\\S+)"));
    URI api = URI.create(find("SQuaSH API:  (\\S+)"));
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.current().descendants()).isEmpty();
    assertThat(dir).doesNotExist();
    assertThat(listening(api.getPort())).isFalse();
    assertThat(err.toString()).contains("30 listed");
  }

  @Test
  void keepLeavesInfluxdRunningAndSaysHowToStopIt() throws Exception {
    assertThat(demo("--jobs", "12", "--keep")).as(err.toString()).isZero();
    long pid = Long.parseLong(find("a private influxd \\(PID (\\d+)\\)"));
    Path dir = Path.of(find("with its data in (\\S+)"));
    Optional<ProcessHandle> influxd = ProcessHandle.of(pid);
    try {
      assertThat(influxd.map(ProcessHandle::isAlive)).hasValue(true);
      assertThat(out.toString()).contains("kill " + pid + " && rm -rf " + dir);
      assertThat(out.toString()).contains("Run the report again", "  squash-influx report"
          + " --influx-url http://127.0.0.1:", "--specs " + dir.resolve("specs.json"));
      String url = find("InfluxDB:    (\\S+),");
      assertThat(query(url, "squash-demo", "SELECT COUNT(\"validate_drp.PA1\") FROM \"validate_drp\"")
          .path("series").path(0).path("values").path(0).path(1).asInt()).isPositive();
    } finally {
      influxd.ifPresent(ProcessHandle::destroy);
      influxd.ifPresent(p -> p.onExit().join());
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void tooFewJobsIsAUsageErrorOnOneLine() {
    assertThat(demo("--jobs", "3")).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("--jobs must be from 12 to");
  }

  @Test
  void aReportInAFolderThatDoesNotExistStopsTheDemoBeforeItStartsAnything() {
    Path page = reports.resolve("missing").resolve("page.html");
    int code = Main.run(new String[] {"demo", "--report", page.toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("squash-influx: --report " + page + ": the folder ").contains("does not exist");
    assertThat(out.toString()).isEmpty();
  }

  /** Mean and count of the generated, non-null PA1 values on the regression's dataset. */
  private static double[] meanPa1(JobGenerator generator, Regression regression, boolean before) {
    double sum = 0;
    long n = 0;
    for (long id = 1; id <= generator.settings().count(); id++) {
      JsonNode job = generator.apiJob(id);
      Instant created = Instant.parse(job.get("date_created").asText());
      if (!job.path("ci_dataset").asText().equals(regression.dataset())
          || created.isBefore(regression.at()) != before) {
        continue;
      }
      for (JsonNode m : job.get("measurements")) {
        if (m.get("metric").asText().equals(regression.metric()) && m.get("value").isNumber()) {
          sum += m.get("value").asDouble();
          n++;
        }
      }
    }
    return new double[] {sum / n, n};
  }

  @org.junit.jupiter.api.io.TempDir Path reports;

  private int demo(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--report"; // never into the working directory
    all[args.length + 2] = reports.resolve("squash-report.html").toString();
    return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String find(String regex) {
    Matcher m = Pattern.compile(regex).matcher(out.toString());
    assertThat(m.find()).as("%s in %s", regex, out).isTrue();
    return m.group(1);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode query(String url, String db, String influxQl) throws Exception {
    String q = "?db=" + URLEncoder.encode(db, StandardCharsets.UTF_8) + "&q="
        + URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/query" + q)).build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("results").path(0);
  }

  /** The demo with these jobs and seed, as the command line makes it. */
  private static Demo demo(int jobs, long seed) {
    return new Demo(jobs, seed, null, "squash-demo", "notebook", Path.of("unused.html"), false);
  }

  /** The series of a raw answer, read here rather than by the client the demo prints with. */
  private static List<Series> series(JsonNode result) {
    List<Series> all = new java.util.ArrayList<>();
    for (JsonNode node : result.path("series")) {
      java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
      node.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
      List<String> columns = new java.util.ArrayList<>();
      node.path("columns").forEach(c -> columns.add(c.asText()));
      List<List<Object>> rows = new java.util.ArrayList<>();
      for (JsonNode values : node.path("values")) {
        List<Object> row = new java.util.ArrayList<>();
        values.forEach(v -> row.add(v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
            : v.isNumber() ? (Object) v.asDouble() : v.asText()));
        rows.add(row);
      }
      all.add(new Series(node.path("name").asText(""), tags, columns, rows));
    }
    return all;
  }
}
