package io.squashinflux.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --upload} against a local server playing Grafana and Chronograf by their documented
 * APIs (neither can be installed here): the requests it sends, a second upload replacing the
 * first, a refused token; and the command's answers to an empty database and to data the mapping
 * does not explain.
 */
class UploadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "glsa_secret_token_1234";

  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir Path tmp;

  @BeforeAll
  static void notebookPoints() {
    String lines = String.join("\n",
        "validate_drp,dataset=hsc,filter_name=r validate_drp.PA1=12.5,validate_drp.AM1=7.5 1553885085000000000",
        "validate_drp,dataset=cfht,filter_name=g validate_drp.PA1=13.5 1553985085000000000",
        "validate_drp,dataset=cfht,filter_name=g stray=1 1553985085000000000",
        "cpu,host=a usage=1 1553985085000000000");
    influx.query(null, "CREATE DATABASE up");
    assertThat(influx.write("up", lines)).isEqualTo(204);
  }

  @Test
  void grafanaUploadPostsEachDashboardAndASecondOneReplacesIt() throws Exception {
    try (FakeDashboardServer grafana = new FakeDashboardServer(TOKEN)) {
      Result first = child(Map.of("GRAFANA_TOKEN", TOKEN), "--for", "grafana", "--upload", grafana.url());
      Result second = child(Map.of("GRAFANA_TOKEN", TOKEN), "--for", "grafana", "--upload", grafana.url());
      assertThat(first.code()).as(first.toString()).isZero();
      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(first.out()).contains("created SQuaSH validate_drp (up)");
      assertThat(second.out()).contains("replaced SQuaSH validate_drp (up)");
      assertThat(grafana.dashboards).hasSize(1);
      assertThat(grafana.requests).hasSize(2).allSatisfy(r -> {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/dashboards/db");
        assertThat(r.headers()).containsEntry("Authorization", "Bearer " + TOKEN)
            .containsEntry("Content-Type", "application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("overwrite").asBoolean()).isTrue();
        assertThat(body.path("dashboard").path("title").asText()).isEqualTo("SQuaSH validate_drp (up)");
        assertThat(body.path("dashboard").path("panels")).hasSize(2);
        assertThat(Formats.grafana(body.path("dashboard"))).isEmpty();
      });
      assertThat(JSON.readTree(grafana.requests.get(0).body()).path("dashboard").path("uid"))
          .isEqualTo(JSON.readTree(grafana.requests.get(1).body()).path("dashboard").path("uid"));
      assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aRefusedTokenIsOneLineAndExitTwo() throws Exception {
    try (FakeDashboardServer grafana = new FakeDashboardServer(TOKEN)) {
      Result refused = child(Map.of("GRAFANA_TOKEN", "wrong_token_5678"), "--for", "grafana",
          "--upload", grafana.url());
      assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err().strip().lines()).singleElement().asString()
          .contains("Grafana", "refused the token (401)", "GRAFANA_TOKEN");
      assertThat(refused.out() + refused.err()).doesNotContain("wrong_token_5678");
      assertThat(grafana.dashboards).isEmpty();
    }
  }

  @Test
  void chronografUploadReplacesTheDashboardOfTheSameName() throws Exception {
    try (FakeDashboardServer chronograf = new FakeDashboardServer(null)) {
      chronograf.addChronograf("SQuaSH validate_drp (up)");
      chronograf.addChronograf("SQuaSH validate_drp (up)"); // a duplicate from an earlier import
      chronograf.addChronograf("Someone else's");
      String first = DashboardQueriesTest.cli(args("--for", "chronograf", "--upload", chronograf.url()));
      assertThat(first).startsWith("0").contains("replaced SQuaSH validate_drp (up)");
      assertThat(chronograf.requests).extracting(r -> r.method() + " " + r.path()).containsExactly(
          "GET /chronograf/v1/dashboards", "PUT /chronograf/v1/dashboards/1",
          "DELETE /chronograf/v1/dashboards/2");
      JsonNode put = JSON.readTree(chronograf.requests.get(1).body());
      assertThat(put.path("cells")).hasSize(2);
      assertThat(put.path("templates")).extracting(t -> t.path("tempVar").asText())
          .containsExactly(":dataset:", ":filter:");
      assertThat(chronograf.requests.get(1).headers()).containsEntry("Content-Type", "application/json");
      String second = DashboardQueriesTest.cli(args("--for", "chronograf", "--upload", chronograf.url()));
      assertThat(second).startsWith("0");
      assertThat(chronograf.dashboards.values()).extracting(d -> d.path("name").asText())
          .containsExactlyInAnyOrder("SQuaSH validate_drp (up)", "Someone else's");
    }
  }

  @Test
  void aDatabaseWithNoPointsSaysSoAndExitsTwo() {
    influx.query(null, "CREATE DATABASE empty");
    String[] args = {"dashboards", "--for", "all", "-o", tmp.resolve("out").toString(),
        "--influx-url", influx.url(), "--db", "empty"};
    String answer = DashboardQueriesTest.cli(args);
    assertThat(answer).startsWith("2\n");
    assertThat(answer.split("\n", 2)[1].strip().lines()).singleElement().asString()
        .contains("database \"empty\"", "holds no points yet", "sync");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void whatTheMappingDoesNotExplainIsListedNotDrawn() throws IOException {
    String answer = DashboardQueriesTest.cli(args("--for", "grafana"));
    assertThat(answer).startsWith("0")
        .contains("not explained by the mapping: cpu: no tag 'dataset'")
        .contains("not explained by the mapping: validate_drp.stray: a float field");
    assertThat(Files.readString(tmp.resolve("out/README.txt"))).contains("cpu: no tag 'dataset'");
    try (var files = Files.list(tmp.resolve("out/grafana"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("validate_drp.json");
    }
  }

  @Test
  void uploadTakesOneKindAtATime() {
    String answer = DashboardQueriesTest.cli(args("--for", "all", "--upload", "http://127.0.0.1:9"));
    assertThat(answer).startsWith("2\n");
    assertThat(answer.split("\n", 2)[1].strip().lines()).singleElement().asString()
        .contains("--upload takes one kind", "--for chronograf", "--for grafana");
  }

  @Test
  void helpSaysWhatItWritesWithAnExampleOfEachKind() {
    String help = DashboardQueriesTest.cli("dashboards", "--help");
    assertThat(help).startsWith("0\nUsage: squash-influx dashboards")
        .contains("--for=KIND", "--upload=URL", "GRAFANA_TOKEN", "env INFLUX_URL", "--mapping",
            "--specs=URL|FILE", "README.txt", "squash-influx dashboards --for chronograf",
            "--for grafana");
    assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
  }

  private String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of("dashboards", "-o", tmp.resolve("out").toString(),
        "--influx-url", influx.url(), "--db", "up"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  record Result(int code, String out, String err) {}

  /** The command in a child JVM, for an environment variable this JVM cannot set. */
  private Result child(Map<String, String> env, String... more) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "io.squashinflux.cli.Main"));
    command.addAll(List.of(args(more)));
    Path out = Files.createTempFile(tmp, "child", ".out");
    Path err = Files.createTempFile(tmp, "child", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child did not finish within 60 s");
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
