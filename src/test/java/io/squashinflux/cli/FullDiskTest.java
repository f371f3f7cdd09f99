package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.InfluxServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the state file or the rejects file, on a small tmpfs this test
 * mounts (it needs root; it is skipped, saying so, where mounting is not allowed): the run fails
 * loudly naming the file once, the previous state is kept whole, and the rejects file holds only
 * complete lines.
 */
class FullDiskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = Path.of("src/test/resources/fixtures").toString();
  private static final String JOB = Path.of(FIXTURES, "api-job.json").toString();
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;
  private Path disk;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = dir.resolve("disk");
    Files.createDirectories(disk);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()) == 0,
        "cannot mount a tmpfs here (not root?): full-disk tests skipped");
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      run("umount", "-l", disk.toString());
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** Fills the disk: writes until the file system says it is full. */
  private void fill() {
    byte[] block = new byte[4096];
    try (FileOutputStream out = new FileOutputStream(disk.resolve("filler").toFile())) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left");
    }
  }

  private List<String> sync(String from, String state, String rejects, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--from", from, "--influx-url",
        influx.url(), "--db", "full", "--state", state, "--rejects", rejects, "--quiet"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void aStateThatCannotBeSavedFailsTheRunAndTheOldStateIsKept() throws Exception {
    String state = disk.resolve("state.json").toString();
    String rejects = dir.resolve("rejects.jsonl").toString();
    Cli.Result first = Cli.run(sync(JOB, state, rejects));
    assertThat(first.code()).as(first.toString()).isIn(0, 1);
    String saved = Files.readString(Path.of(state));
    fill();

    Cli.Result full = Cli.run(sync(JOB, state, rejects, "--full"));

    assertThat(full.code()).as(full.toString()).isEqualTo(1);
    // A save due during the run may have warned already; the run's end is the last line.
    String last = full.err().lines().reduce((a, b) -> b).orElse("");
    assertThat(last).contains("cannot save the state " + state + ": No space left on device")
        .contains("the previous state is kept");
    assertThat(last.split(state, -1)).as("the path, once").hasSize(2);
    assertThat(Files.readString(Path.of(state))).isEqualTo(saved);
    assertThat(Path.of(state + ".tmp")).doesNotExist();
  }

  @Test
  void aRejectsFileThatCannotBeWrittenFailsTheRunNamingItAndHoldsOnlyWholeLines()
      throws Exception {
    Path rejects = disk.resolve("rejects.jsonl");
    fill();

    Cli.Result run = Cli.run(sync(FIXTURES, dir.resolve("state.json").toString(),
        rejects.toString()));

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err().lines()).hasSize(1).first().asString()
        .startsWith("squash-influx: cannot write the rejects file " + rejects
            + ": No space left on device");
    assertThat(run.err()).doesNotContain("unexpected error");
    if (Files.exists(rejects)) {
      for (String line : Files.readAllLines(rejects)) {
        assertThat(JSON.readTree(line).get("reason")).isNotNull();
      }
    }
  }
}
