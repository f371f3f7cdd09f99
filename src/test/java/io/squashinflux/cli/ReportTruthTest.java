package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code report} tells, against a real influxd holding jobs with the PA1 step planted at
 * +40%: never "no regression" by mistake, the packages of the change in both models, the
 * retention policy asked for, and text from the data that cannot break the page or the terminal.
 */
class ReportTruthTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PA1 = "validate_drp.PA1";
  private static final String HSC = "validation_data_hsc";
  private static InfluxServer influx;
  private static TrendData data;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    // The squash model without --packages: its code_changes field is all it has to tell.
    data = TrendData.start(influx, 900, 0, 0, 0, 0, 1.4, List.of("notebook"));
    TrendData.writeSpecs(dir);
    bareCopy();
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  private static Cli.Result report(String db, String name, String... more) {
    List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.url(), "--db", db,
        "--mapping", db.startsWith("squash") ? "squash" : "notebook",
        "-o", dir.resolve(name + ".html").toString(), "--findings", dir.resolve(name + ".json").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void withoutSpecsAFortyPercentShiftFailsTheRunAndThePageSaysNoDirectionIsKnown() throws Exception {
    Cli.Result run = report("notebook", "nospecs", "--fail-on-regression");
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("no direction is known").contains("--fail-on-regression");
    assertThat(run.out()).contains(PA1 + " on " + HSC).contains("(direction unknown)");
    String page = Files.readString(dir.resolve("nospecs.html"));
    assertThat(page).contains("id=\"no-direction\"").doesNotContain("No regression: no series");
    JsonNode json = JSON.readTree(dir.resolve("nospecs.json").toFile());
    assertThat(json.get("changes")).anySatisfy(f -> {
      assertThat(f.get("metric").asText()).isEqualTo(PA1);
      assertThat(f.get("direction").asText()).isEqualTo("unknown");
    });
  }

  @Test
  void anEmptyDatabaseIsOneLineAndExitTwoAndNoPage() throws Exception {
    influx.query(null, "CREATE DATABASE \"empty\"");
    Cli.Result run = report("empty", "empty", "--fail-on-regression");
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines()).as(run.toString()).singleElement().asString()
        .startsWith("squash-influx: database \"empty\"").contains("holds no metric values");
    assertThat(dir.resolve("empty.html")).doesNotExist();
  }

  @Test
  void theSquashModelsCodeChangesNameTheRunsPackagesAsSyncPackagesDoesForTheNotebookModel()
      throws Exception {
    String specs = dir.resolve("specs.json").toString();
    Cli.Result squash = report("squash", "squash-pkgs", "--specs", specs);
    assertThat(squash.code()).as(squash.toString()).isZero();
    JsonNode s = JSON.readTree(dir.resolve("squash-pkgs.json").toFile());
    JsonNode first = find(s.get("regressions"), PA1, HSC);
    assertThat(first).isNotNull();
    TreeSet<String> fromApi = new TreeSet<>();
    try (SquashApiServer api = SquashApiServer.start(data.generator, 0)) {
      HttpResponse<String> job = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(api.url() + "/job/" + data.plantedJob)).build(), HttpResponse.BodyHandlers.ofString());
      String run = JSON.readTree(job.body()).at("/meta/env/ci_id").asText();
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(api.url() + "/code_changes/" + run)).build(), HttpResponse.BodyHandlers.ofString());
      JSON.readTree(answer.body()).get("packages").forEach(p -> fromApi.add(p.get(0).asText()));
    }
    assertThat(fromApi).isNotEmpty();
    // One event on HSC's filters, naming what the CI run of its first shifted jobs changed.
    JsonNode squashEvent = event(s, PA1, HSC);
    assertThat(squashEvent.get("filters")).hasSize(5);
    assertThat(names(squashEvent.get("packages_changed"))).isEqualTo(fromApi);
    // A finding leads to its CI run's page, not to SQuaSH's JSON answer for the job.
    assertThat(first.get("url").asText()).startsWith("http")
        .doesNotEndWith("/job/" + first.get("job").asText());
    assertThat(first.get("packages")).isNotEmpty().allSatisfy(p ->
        assertThat(p.get("url").asText()).contains("/commit/" + p.get("sha").asText()));
    // The page's event row links each package it names to its change.
    String shared = squashEvent.get("packages_changed").get(0).asText();
    assertThat(Files.readString(dir.resolve("squash-pkgs.html")))
        .containsPattern("<a href=\"https://[^\"]*/commit/[0-9a-f]{40}\">" + shared + " ");

    Cli.Result notebook = report("notebook", "notebook-pkgs", "--specs", specs);
    assertThat(notebook.code()).as(notebook.toString()).isZero();
    JsonNode n = JSON.readTree(dir.resolve("notebook-pkgs.json").toFile());
    JsonNode event = event(n, PA1, HSC);
    assertThat(event.get("filters")).hasSize(5);
    assertThat(names(event.get("packages_changed"))).isEqualTo(fromApi);
  }

  private static JsonNode event(JsonNode report, String metric, String dataset) {
    JsonNode found = null;
    for (JsonNode e : report.get("events")) {
      if (e.get("metric").asText().equals(metric) && e.get("dataset").asText().equals(dataset)) {
        assertThat(found).as("one event for %s on %s", metric, dataset).isNull();
        found = e;
      }
    }
    assertThat(found).as("an event for %s on %s", metric, dataset).isNotNull();
    return found;
  }

  private static TreeSet<String> names(JsonNode array) {
    TreeSet<String> names = new TreeSet<>();
    array.forEach(p -> names.add(p.asText()));
    return names;
  }

  @Test
  void aModelWithoutPackageVersionsSaysHowToRecordThem() throws Exception {
    Cli.Result run = report("notebook-bare", "bare", "--specs", dir.resolve("specs.json").toString());
    // notebook-bare is a copy of the notebook database without the packages measurement.
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(Files.readString(dir.resolve("bare.html"))).contains("<code>sync --packages</code>");
  }

  private static void bareCopy() {
    influx.query(null, "CREATE DATABASE \"notebook-bare\"");
    influx.query("notebook", "SELECT * INTO \"notebook-bare\".\"autogen\".\"validate_drp\" FROM"
        + " \"notebook\".\"autogen\".\"validate_drp\" GROUP BY *");
  }

  @Test
  void theRetentionPolicyAskedForIsTheOneRead() throws Exception {
    influx.query("notebook", "CREATE RETENTION POLICY \"keep\" ON \"notebook\" DURATION INF REPLICATION 1");
    influx.query("notebook", "SELECT * INTO \"notebook\".\"keep\".\"validate_drp\" FROM"
        + " \"notebook\".\"autogen\".\"validate_drp\" WHERE \"dataset\" = '" + HSC + "' GROUP BY *");
    long inKeep = influx.scalar("notebook", "SELECT COUNT(\"validate_drp.PA1\") FROM"
        + " \"notebook\".\"keep\".\"validate_drp\"").asLong();
    Cli.Result run = report("notebook", "keep", "--rp", "keep", "--measurement", "validate_drp");
    assertThat(run.code()).as(run.toString()).isZero();
    JsonNode json = JSON.readTree(dir.resolve("keep.json").toFile());
    assertThat(json.get("changes")).allSatisfy(f -> assertThat(f.get("dataset").asText()).isEqualTo(HSC));
    assertThat(Files.readString(dir.resolve("keep.html"))).contains("retention policy keep");
    Matcher counts = Pattern.compile("\\((\\d+) metrics, (\\d+) series").matcher(run.out());
    assertThat(counts.find()).isTrue();
    assertThat(inKeep).isPositive();
    assertThat(Integer.parseInt(counts.group(2))).as(run.out()).isLessThan(
        countSeries(report("notebook", "autogen", "--measurement", "validate_drp").out()));

    Cli.Result missing = report("notebook", "nope", "--rp", "nope");
    assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
    assertThat(missing.err().lines()).singleElement().asString()
        .contains("no retention policy \"nope\"").contains("autogen").contains("keep");
  }

  private static int countSeries(String out) {
    Matcher m = Pattern.compile("\\((\\d+) metrics, (\\d+) series").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Integer.parseInt(m.group(2));
  }

  @Test
  void aDatabaseTypoListsTheDatabasesThatExist() {
    Cli.Result run = report("notebok", "typo");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().lines()).singleElement().asString().contains("check --db")
        .contains("it has ").contains("notebook").contains("squash");
  }

  @Test
  void thePageIsReplacedByRenameAndLeavesNoScratchFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("atomic"));
    Path page = Files.writeString(folder.resolve("page.html"), "the last good page");
    Object before = Files.getAttribute(page, "unix:ino");
    Cli.Result run = Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "--measurement", "validate_drp", "-o", page.toString());
    assertThat(run.code()).as(run.toString()).isZero();
    // A new file renamed over the old one: a reader (or a run stopped half way) never sees half.
    assertThat(Files.getAttribute(page, "unix:ino")).isNotEqualTo(before);
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("page.html");
    }
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("squash-report-") && name.endsWith(".charts"));
    }
    Cli.Result noFolder = Cli.run("report", "--influx-url", influx.url(), "--db", "notebook",
        "-o", dir.resolve("missing/page.html").toString());
    assertThat(noFolder.code()).isEqualTo(2);
    assertThat(noFolder.err()).contains("does not exist");
  }

  @Test
  void namesFromTheDataCannotBreakThePageDataOrTheTerminal() throws Exception {
    String evil = "hsc<!--x</script>\u001b]0;owned\u0007";
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      double value = i < 20 ? 10 + (i % 3) * 0.01 : 20 + (i % 3) * 0.01;
      lines.append("validate_drp,dataset=").append(evil.replace(" ", "\\ "))
          .append(",filter_name=r<!--u validate_drp.PA1=").append(value).append(' ')
          .append(1_600_000_000L + i * 86_400L).append("000000000\n");
    }
    influx.query(null, "CREATE DATABASE \"hostile\"");
    assertThat(influx.write("hostile", lines.toString())).isEqualTo(204);
    Cli.Result run = report("hostile", "hostile");
    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out() + run.err()).doesNotContain("\u001b").doesNotContain("\u0007")
        .contains("\\x1b]0;owned\\x07");
    String page = Files.readString(dir.resolve("hostile.html"));
    Matcher block = Pattern.compile("<script type=\"application/json\" id=\"data-0\">(.*?)</script>",
        Pattern.DOTALL).matcher(page);
    assertThat(block.find()).isTrue();
    assertThat(block.group(1)).doesNotContain("<");
    JsonNode chart = JSON.readTree(block.group(1));
    assertThat(chart.get("series").get(0).get("dataset").asText()).isEqualTo(evil);
    assertThat(chart.get("series").get(0).get("filter").asText()).isEqualTo("r<!--u");
  }

  @Test
  void helpIsCleanAndListsNoWriteOptionsAndAMisspeltOptionGetsASuggestion() {
    Cli.Result help = Cli.run("report", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out() + help.err()).doesNotContain("picocli WARN").doesNotContain("--batch-lines")
        .doesNotContain("--gzip").doesNotContain("--no-create-db").doesNotContain("to write to")
        .contains("changes of unknown direction");
    Cli.Result typo = Cli.run("report", "--fail-on-regresion");
    assertThat(typo.code()).isEqualTo(2);
    assertThat(typo.err()).contains("did you mean --fail-on-regression");
    Cli.Result down = Cli.run("report", "--influx-url", "http://127.0.0.1:9", "-o",
        dir.resolve("down.html").toString());
    assertThat(down.err()).contains("connection refused").doesNotContain("ConnectException");
  }

  private static JsonNode find(JsonNode findings, String metric, String dataset) {
    for (JsonNode f : findings) {
      if (f.get("metric").asText().equals(metric) && f.get("dataset").asText().equals(dataset)) {
        return f;
      }
    }
    return null;
  }
}
