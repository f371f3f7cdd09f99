package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user reads when something is wrong, and what --help tells. */
class MessagesTest {
  private static final String JOB = Path.of("src/test/resources/fixtures/api-job.json").toString();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void unreachableInfluxDbIsOneLineNamingTheUrlTheErrorAndHowToStartIt() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();
    int code = run("sync", "--from", JOB, "--influx-url", url, "--retry-attempts", "1", "--no-state",
        "--quiet");
    assertThat(code).isEqualTo(1);
    assertThat(oneLine())
        .contains(url)
        .contains("connection refused")
        .contains("systemctl start influxdb");
    assertThat(oneLine().split("influxd run", -1)).as("the start hint, once").hasSize(2);
  }

  @Test
  void theReportsOldFindingsOptionPointsToItsNewName() {
    assertThat(run("report", "--json", "findings.json", "--influx-url", "http://127.0.0.1:1"))
        .isEqualTo(2);
    assertThat(oneLine()).contains("--findings FILE").contains("--json means");
  }

  @Test
  void theReportsOldNoiseBarPointsToTheFalseAlarmChance() {
    assertThat(run("report", "--threshold", "5", "--influx-url", "http://127.0.0.1:1"))
        .isEqualTo(2);
    assertThat(oneLine()).contains("--threshold is gone").contains("--false-alarm P");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "watch", "convert", "report", "generate", "serve-api", "demo",
      "dashboards"})
  void everyCommandTakesVerboseAndListsIt(String command) {
    assertThat(run(command, "--verbose", "--help")).isZero();
    assertThat(out.toString()).contains("--verbose");
  }

  @Test
  void aBadOptionIsOneLinePointingToHelpWithExitCode2() {
    assertThat(run("sync", "--no-such-option", "--from", JOB)).isEqualTo(2);
    assertThat(oneLine())
        .contains("Unknown option: '--no-such-option'")
        .contains("try 'squash-influx sync --help'");
  }

  @Test
  void aMisspeltOptionAfterTheFromPathsIsUnknownNotAPath() {
    assertThat(run("sync", "--from", JOB, "--model", "squash")).isEqualTo(2);
    assertThat(oneLine()).contains("Unknown option: '--model'")
        .contains("try 'squash-influx sync --help'");
  }

  @Test
  void aMissingFromFileIsOneLineWithExitCode2(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path missing = dir.resolve("missing.json");
    assertThat(run("convert", "--from", missing.toString())).isEqualTo(2);
    assertThat(oneLine()).isEqualTo("squash-influx: --from " + missing + ": no such file or folder");
  }

  @Test
  void noSourceSaysWhichOptionsGiveOne() {
    assertThat(run("convert")).isEqualTo(2);
    assertThat(oneLine()).contains("give --squash-url URL").contains("--from PATH");
  }

  @Test
  void aMissingServeApiFolderIsOneLineWithExitCode2(@org.junit.jupiter.api.io.TempDir Path dir) {
    assertThat(run("serve-api", "--from", dir.resolve("nothing").toString())).isEqualTo(2);
    assertThat(oneLine()).contains("not a folder");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "convert", "generate", "serve-api", "demo"})
  void everyCommandsHelpHasADescriptionDefaultsAndAnExample(String command) {
    assertThat(run(command, "--help")).isZero();
    String help = out.toString();
    assertThat(help).startsWith("Usage: squash-influx " + command);
    assertThat(help.lines().skip(1).filter(l -> !l.startsWith(" ")).findFirst()).isPresent();
    assertThat(help).containsIgnoringCase("default");
    assertThat(help).contains("  squash-influx " + command);
    for (String line : help.lines().toList()) {
      assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void syncHelpShowsTheEnvironmentVariablesAndTheSourceFirst() {
    run("sync", "--help");
    String help = out.toString();
    assertThat(help).contains("env INFLUX_URL", "env INFLUX_DB", "INFLUX_PASSWORD",
        "SQUASH_INFLUX_CONFIG");
    assertThat(help.indexOf("\n      --squash-url=URL")).isPositive()
        .isLessThan(help.indexOf("\n      --mapping="));
  }

  private String oneLine() {
    assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
    assertThat(err.toString()).doesNotContain("\tat ");
    return err.toString().strip();
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
