package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.cli.ExpectedValues.Value;
import io.squashinflux.lineprotocol.LineReader;
import io.squashinflux.testing.QuestDbServer;
import io.squashinflux.testing.SharedSamples;
import io.squashinflux.testing.VictoriaMetricsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip of RoundTripTest, with {@code --influx-api v2}, against a real VictoriaMetrics and
 * a real QuestDB: every value of 1,000 generated jobs, of the project's fixtures and of the shared
 * SQuaSH samples is stored exactly once at its time, or its line is in the rejects file.
 *
 * <p>Where they differ from InfluxDB, as seen here and asserted below:
 * <ul>
 *   <li>VictoriaMetrics: each field is a series named {@code <measurement>_<field>}, tags are
 *       labels, time is kept in milliseconds; {@code /api/v2/buckets} answers 400 (no buckets: the
 *       check is skipped); it keeps about 12 significant digits of a value; {@code /ping} has no {@code X-Influxdb-Version} (auto picks v1, and
 *       {@code /write?db=} adds a label {@code db}); a bad line is answered 204 and dropped, so it
 *       cannot be reported; a point written twice is stored twice unless it runs with {@code
 *       -dedup.minScrapeInterval} (these tests set 1ms).</li>
 *   <li>QuestDB: each measurement is a table, tags SYMBOL columns, fields DOUBLE columns, time in
 *       microseconds, written to the table after the answer (WAL); a field name with a dot (the
 *       notebook model's {@code validate_drp.AM1}) is refused ("invalid column name"), so it is
 *       written with short field keys; one bad line refuses the whole request with 400 {@code
 *       {"code":"invalid","line":N}}; a point written twice is stored twice; {@code /ping} says
 *       {@code X-Influxdb-Version: v2.7.4} (auto picks v2) and {@code /api/v2/buckets} is 404.</li>
 * </ul>
 */
class LineProtocolServersTest {
  @RegisterExtension static final VictoriaMetricsServer vm = VictoriaMetricsServer.perClass();
  @RegisterExtension static final QuestDbServer questdb = QuestDbServer.perClass();
  private static final List<String> FIXTURES = List.of("api-job.json", "verify-file.json",
      "jenkins-decam.json", "hostile-meta.json", "dataset-in-meta.json");
  private static final List<String> SAMPLES = List.of("get_job_response_example.json",
      "verify_job.json", "verify_job_with_null.json", "job-768.json");

  @TempDir static Path tmp;
  private static Path generated;

  @BeforeAll
  static void generateJobs() throws IOException {
    generated = tmp.resolve("jobs");
    assertThat(Cli.run("generate", "--count", "1000", "--seed", "17", "--out", generated.toString())
        .code()).isZero();
  }

  /**
   * The notebook model with a tag {@code run} naming the sync, since neither server keeps a
   * database apart under the v2 API; for QuestDB, which takes no dot in a column name, with field
   * keys without their package ({@code AM1}).
   */
  private static List<String> model(String run, boolean shortKeys) throws IOException {
    Path file = tmp.resolve(run + ".mapping");
    Files.writeString(file, "[model]\nextends = notebook\n"
        + (shortKeys ? "field-keys = short\n" : "") + "\n[tags]\nrun = " + run + "\n");
    return List.of("--mapping", file.toString());
  }

  private static List<String> generatedAndFixtures() {
    List<String> from = new ArrayList<>(List.of("--from", generated.toString()));
    FIXTURES.forEach(f -> from.add("src/test/resources/fixtures/" + f));
    return from;
  }

  private static List<String> samples() {
    Path dir = SharedSamples.dir();
    List<String> from = new ArrayList<>(List.of("--from"));
    SAMPLES.forEach(s -> from.add(dir.resolve(s).toString()));
    return from;
  }

  /** A sync of these sources with the v2 API; returns its rejects file's lines. */
  private static List<JsonNode> sync(String url, String name, List<String> from, String... more)
      throws IOException {
    Path rejects = tmp.resolve(name + "-rejects.jsonl");
    List<String> args = new ArrayList<>(List.of("sync", "--influx-api", "v2", "--influx-url", url,
        "--db", name, "--org", "lsst", "--no-default-excludes", "--no-state", "--quiet",
        "--rejects", rejects.toString()));
    args.addAll(from);
    args.addAll(List.of(more));
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.code()).as(result.toString()).isIn(0, 1);
    List<JsonNode> rejected = new ArrayList<>();
    if (Files.exists(rejects)) {
      for (String line : Files.readAllLines(rejects)) {
        JsonNode record = Cli.parse(line);
        if (record.path("kind").asText().equals("rejected")) {
          rejected.add(record);
        }
      }
    }
    return rejected;
  }

  @Test
  void victoriaMetricsKeepsEveryValueOfTheGeneratedJobsAndFixturesOnceAtItsTime() throws IOException {
    List<String> from = with(generatedAndFixtures(), model("vmgen", false));
    List<JsonNode> rejected = sync(vm.url(), "vmgen", from);
    assertThat(rejected).as("VictoriaMetrics refuses nothing (it drops silently)").isEmpty();
    assertVictoriaMetricsHolds(ExpectedValues.convert(withModel(from)));
  }

  @Test
  void victoriaMetricsKeepsEveryValueOfTheSharedSamplesOnceAtItsTime() throws IOException {
    List<String> from = with(samples(), model("vmsamples", false));
    assertThat(sync(vm.url(), "vmsamples", from)).isEmpty();
    assertVictoriaMetricsHolds(ExpectedValues.convert(withModel(from)));
  }

  @Test
  void questDbKeepsEveryValueOfTheGeneratedJobsAndFixturesOnceAtItsTime() throws Exception {
    List<String> from = with(generatedAndFixtures(), model("qgen", true));
    List<JsonNode> rejected = sync(questdb.url(), "qgen", from);
    assertQuestDbHolds(ExpectedValues.convert(withModel(from)), rejected);
  }

  @Test
  void questDbKeepsEveryValueOfTheSharedSamplesOnceAtItsTime() throws Exception {
    List<String> from = with(samples(), model("qsamples", true));
    List<JsonNode> rejected = sync(questdb.url(), "qsamples", from);
    assertQuestDbHolds(ExpectedValues.convert(withModel(from)), rejected);
  }

  private static List<String> withModel(List<String> from) {
    List<String> args = new ArrayList<>(from);
    args.add("--no-default-excludes");
    return args;
  }

  private static List<String> with(List<String> from, List<String> more) {
    List<String> args = new ArrayList<>(from);
    args.addAll(more);
    return args;
  }

  /**
   * Each expected value in exactly one sample of its series, at its time in milliseconds, to
   * VictoriaMetrics' precision: it keeps about 12 significant digits (16.2742668318876 is read back
   * as 16.2742668319), so a value matches within a relative 1e-11.
   */
  private static void assertVictoriaMetricsHolds(ExpectedValues expected) {
    Map<String, Value> want = expected.by((line, field) -> line.measurement() + "_" + field
        + "{" + ExpectedValues.tags(line.tags()) + "}@" + Math.floorDiv(line.time(), 1_000_000));
    Map<String, List<Double>> got = new HashMap<>();
    for (JsonNode series : vm.export("{__name__!=\"\"}")) {
      Map<String, String> labels = new HashMap<>();
      series.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      String name = labels.remove("__name__");
      for (int i = 0; i < series.path("timestamps").size(); i++) {
        got.computeIfAbsent(name + "{" + ExpectedValues.tags(labels) + "}@"
            + series.path("timestamps").get(i).asLong(), k -> new ArrayList<>())
            .add(series.path("values").get(i).asDouble());
      }
    }
    assertThat(want).isNotEmpty();
    for (Value value : want.values()) {
      if (!value.isNumber()) { // a link: VictoriaMetrics keeps a sample, not the text
        assertThat(got.get(value.key())).as(value.key()).hasSize(1);
        continue;
      }
      double want1 = Double.parseDouble(value.text());
      assertThat(got.get(value.key())).as(value.key()).singleElement()
          .satisfies(v -> assertThat(v).isCloseTo(want1, org.assertj.core.data.Offset.offset(
              Math.abs(want1) * 1e-11)));
    }
  }

  /** Each expected value once (as often as the lines held it) at its time in microseconds. */
  private static void assertQuestDbHolds(ExpectedValues expected, List<JsonNode> rejected)
      throws InterruptedException {
    questdb.awaitApplied();
    Set<String> refused = new HashSet<>();
    rejected.forEach(r -> refused.add(r.path("line").asText()));
    ExpectedValues.KeyOf key = (line, field) -> line.measurement() + "{"
        + ExpectedValues.tags(line.tags()) + "}@" + line.time() / 1000 + " " + field;
    Map<String, Value> want = expected.by(key);
    Set<String> refusedKeys = new HashSet<>();
    for (LineReader line : expected.lines()) {
      if (refused.stream().anyMatch(r -> LineReader.read(r + "\n").equals(line))) {
        line.fields().keySet().forEach(f -> refusedKeys.add(key.of(line, f)));
      }
    }
    Map<String, List<String>> got = new HashMap<>();
    Set<String> tables = new HashSet<>();
    expected.lines().forEach(l -> tables.add(l.measurement()));
    for (String table : tables) {
      readTable(table, got);
    }
    int checked = 0;
    for (Value value : want.values()) {
      if (refusedKeys.contains(value.key())) {
        continue;
      }
      assertThat(got.get(value.key())).as(value.key()).hasSize(value.times())
          .allSatisfy(v -> assertThat(value.isNumber() ? (Object) Double.parseDouble(v) : v)
              .isEqualTo(value.isNumber() ? (Object) Double.parseDouble(value.text()) : value.text()));
      checked++;
    }
    assertThat(checked).isPositive();
  }

  private static void readTable(String table, Map<String, List<String>> got) {
    JsonNode answer = questdb.exec("SELECT * FROM '" + table.replace("'", "''") + "'");
    JsonNode columns = answer.path("columns");
    int time = answer.path("timestamp").asInt();
    for (JsonNode row : answer.path("dataset")) {
      Map<String, String> tags = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).path("type").asText().equals("SYMBOL") && !row.get(i).isNull()) {
          tags.put(columns.get(i).path("name").asText(), row.get(i).asText());
        }
      }
      Instant at = Instant.parse(row.get(time).asText());
      long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
      String series = table + "{" + ExpectedValues.tags(tags) + "}@" + micros + " ";
      for (int i = 0; i < columns.size(); i++) {
        String type = columns.get(i).path("type").asText();
        if (i != time && !type.equals("SYMBOL") && !row.get(i).isNull()) {
          got.computeIfAbsent(series + columns.get(i).path("name").asText(),
              k -> new ArrayList<>()).add(row.get(i).asText());
        }
      }
    }
  }

  @Test
  void victoriaMetricsDropsABadLineWithA204AndTheV2BucketCheckIsSkipped() throws Exception {
    HttpResponse<String> answer = post(vm.url() + "/api/v2/write?bucket=b&precision=ns",
        "vmbad,t=a f=1.5 1700000000000000000\nthis is not line protocol\n");
    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(vm.export("{__name__=\"vmbad_f\"}")).singleElement()
        .satisfies(s -> assertThat(s.path("values").toString()).isEqualTo("[1.5]"));

    Cli.Result v2 = Cli.run("sync", "--influx-api", "v2", "--influx-url", vm.url(), "--db", "vm2",
        "--from", "src/test/resources/fixtures/api-job.json", "--no-state", "--json",
        "--rejects", tmp.resolve("vm2.jsonl").toString());
    assertThat(v2.code()).as(v2.toString()).isIn(0, 1);
    assertThat(v2.summary().path("target").asText())
        .contains("bucket not checked: this server has no /api/v2/buckets");
  }

  @Test
  void victoriaMetricsGetsV1FromAutoAndKeepsAPointWrittenTwiceOnceWithDedup() throws IOException {
    List<String> args = List.of("sync", "--influx-url", vm.url(), "--db", "vmauto", "--from",
        "src/test/resources/fixtures/api-job.json", "--no-state", "--json",
        "--rejects", tmp.resolve("vmauto.jsonl").toString());
    Cli.Result first = Cli.run(args.toArray(String[]::new));
    assertThat(first.code()).as(first.toString()).isIn(0, 1);
    assertThat(first.summary().path("influx_api").asText()).isEqualTo("v1");
    assertThat(first.summary().path("target").asText()).contains("X-Influxdb-Version absent");
    assertThat(Cli.run(args.toArray(String[]::new)).code()).isIn(0, 1);
    List<JsonNode> series = vm.export("{db=\"vmauto\"}");
    assertThat(series).isNotEmpty().allSatisfy(s -> assertThat(s.path("values")).hasSize(1));
  }

  @Test
  void questDbRefusesDottedFieldNamesLineByLineAndKeepsAPointWrittenTwiceTwice() throws Exception {
    Path job = Path.of("src/test/resources/fixtures/api-job.json");
    Cli.Result dotted = Cli.run("sync", "--influx-url", questdb.url(), "--db", "qdots", "--from",
        job.toString(), "--no-state", "--json", "--rejects", tmp.resolve("qdots.jsonl").toString());
    assertThat(dotted.code()).as("nothing lost silently: every line reported").isEqualTo(1);
    assertThat(dotted.summary().path("influx_api").asText()).as("QuestDB's /ping says 2.7.4")
        .isEqualTo("v2");
    assertThat(dotted.summary().path("points_written").asLong()).isZero();
    assertThat(dotted.summary().path("lines_rejected").asLong()).isPositive();
    assertThat(Files.readString(tmp.resolve("qdots.jsonl"))).contains("invalid column name");

    HttpResponse<String> bad = post(questdb.url() + "/api/v2/write?precision=ns",
        "qbad,t=a f=1.5 1700000000000000000\nthis is not line protocol\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Cli.parse(bad.body()).path("line").asInt()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      assertThat(post(questdb.url() + "/api/v2/write?precision=ns",
          "qtwice,t=a f=2.5 1700000000000000000\n").statusCode()).isEqualTo(204);
    }
    questdb.awaitApplied();
    assertThat(questdb.exec("SELECT count() FROM qtwice").path("dataset").get(0).get(0).asLong())
        .isEqualTo(2);
    assertThat(questdb.exec("SELECT count() FROM qbad").path("dataset").path(0).path(0).asLong())
        .as("the good line of a refused request is not kept").isZero();
  }

  private static HttpResponse<String> post(String url, String body) throws IOException {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
