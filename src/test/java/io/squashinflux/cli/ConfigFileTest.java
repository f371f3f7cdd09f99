package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  private static final String JOB = Path.of("src/test/resources/fixtures/dataset-in-meta.json").toAbsolutePath().toString();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  @Test
  void syncTakesItsSourceTargetAndDatabaseFromTheFile() throws IOException {
    try (InfluxServer influx = InfluxServer.start()) {
      Path config = write("influx-url = " + influx.url(), "db = from-file", "from = " + JOB,
          "no-state = true", "rejects = " + dir.resolve("rejects.jsonl"), "quiet = true");
      assertThat(run("sync", "--config", config.toString())).as(err.toString()).isZero();
      assertThat(influx.rows("from-file", "SELECT * FROM /.*/")).isNotEmpty();
    }
  }

  @Test
  void theCommandLineWinsOverTheFile() throws IOException {
    Path config = write("from = " + dir.resolve("not-there.json"));
    assertThat(run("convert", "--config", config.toString(), "--quiet")).isEqualTo(2);
    assertThat(err.toString()).contains("not-there.json");
    err.getBuffer().setLength(0);
    assertThat(run("convert", "--config=" + config, "--from", JOB, "--quiet")).isZero();
    assertThat(out.toString()).contains("dataset=from_meta");
  }

  @Test
  void aPasswordInTheFileIsRefusedWithoutEchoingIt() throws IOException {
    Path config = write("influx-password = hunter2", "from = " + JOB);
    assertThat(run("sync", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("'influx-password' must not be in a file")
        .contains("INFLUX_PASSWORD")
        .doesNotContain("hunter2");
  }

  @Test
  void aKeyThatNamesNoOptionIsAnErrorNotIgnored() throws IOException {
    Path config = write("infux-url = http://localhost:8086");
    assertThat(run("sync", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString()
        .contains("'infux-url' is not an option");
  }

  @Test
  void aMissingFileIsOneLineWithExitCode2() {
    assertThat(run("sync", "--config", dir.resolve("nope.properties").toString())).isEqualTo(2);
    assertThat(err.toString().lines()).singleElement().asString().contains("nope.properties: no such file");
  }

  @Test
  void commandsWithoutConfigIgnoreTheFilesValues() throws IOException {
    Path config = write("count = 3");
    assertThat(run("sync", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("'count' is not an option");
  }

  private Path write(String... lines) throws IOException {
    Path file = dir.resolve("squash-influx.properties");
    Files.write(file, java.util.List.of(lines));
    return file;
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
