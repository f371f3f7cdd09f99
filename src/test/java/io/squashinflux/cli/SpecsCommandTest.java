package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code specs DIR}: a checkout's answers, and one line with its file and line for bad input. */
class SpecsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURE = CheckoutFixture.DIR;

  @Test
  void printsTheSpecsAnswerAndWithMetricsTheMetricsAnswer() throws Exception {
    Cli.Result specs = Cli.run("specs", FIXTURE);
    assertThat(specs.code()).as(specs.toString()).isZero();
    JsonNode answer = JSON.readTree(specs.out());
    assertThat(answer.get("specs")).hasSize(7);
    assertThat(answer.get("specs").findValuesAsText("name")).contains("validate_drp.PA1.hsc_design_g");
    Cli.Result metrics = Cli.run("specs", "--metrics", FIXTURE + "/metrics");
    assertThat(metrics.code()).as(metrics.toString()).isZero();
    assertThat(JSON.readTree(metrics.out()).get("metrics").findValuesAsText("name"))
        .contains("validate_drp.PA1", "ap_association.DiaPipelineTime");
  }

  /** A checkout whose package {@code pkg} holds one file of this text. */
  private static Path checkout(Path dir, String text) throws Exception {
    Path pkg = Files.createDirectories(dir.resolve("specs/pkg"));
    Files.writeString(pkg.resolve("good.yaml"), """
        ---
        id: 'base'
        metric: 'PA1'
        threshold: {unit: mmag, operator: '<='}
        ---
        name: 'design'
        base: '#base'
        threshold: {value: 5.0}
        """);
    Files.writeString(pkg.resolve("bad.yaml"), text);
    return dir;
  }

  private static void assertBad(Path dir, String text, int line, String what) throws Exception {
    Path root = checkout(dir, text);
    String file = root.resolve("specs/pkg/bad.yaml").toString();
    Cli.Result run = Cli.run("specs", root.toString());
    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).as(run.toString()).singleElement().asString()
        .startsWith(file + ":" + line + ": " + what);
    // The report reads nothing half-loaded either: the same line, exit 2, no page written.
    Path page = dir.resolve("page.html");
    Cli.Result report = Cli.run("report", "--influx-url", "http://127.0.0.1:9", "--db", "x",
        "--specs", root.toString(), "-o", page.toString());
    assertThat(report.code()).as(report.toString()).isEqualTo(2);
    assertThat(report.err().lines()).as(report.toString()).singleElement().asString()
        .contains(file + ":" + line + ": " + what);
    assertThat(page).doesNotExist();
  }

  @Test
  void aYamlSyntaxErrorNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\nname: 'x'\nthreshold: {value: 1.0, operator: '<='\nmetric: PA1\n", 4,
        "not YAML");
  }

  @Test
  void anUnknownBaseNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\nname: 'x'\n\nbase: ['good#base', 'good#nope']\n", 4, "unknown base 'good#nope'");
  }

  @Test
  void anInheritanceCycleNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\nid: 'a'\nbase: '#b'\n---\nid: 'b'\nbase: '#a'\n", 3,
        "inheritance cycle");
  }

  @Test
  void aSpecificationWithoutMetricNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\n# no metric anywhere\nname: 'x'\nthreshold: {value: 1.0, operator: '<='}\n",
        3, "specification 'x' has no metric");
  }

  @Test
  void aSpecificationWithoutThresholdValueNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\nname: 'x'\nbase: 'good#base'\n\nthreshold:\n  unit: mag\n", 5,
        "specification pkg.PA1.x has no threshold value");
  }

  @Test
  void anUnknownOperatorNamesItsLine(@TempDir Path dir) throws Exception {
    assertBad(dir, "---\nname: 'x'\nmetric: PA1\nthreshold: {value: 1.0, operator: '=<'}\n", 4,
        "specification pkg.PA1.x has unknown operator '=<'");
  }
}
