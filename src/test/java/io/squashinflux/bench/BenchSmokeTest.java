package io.squashinflux.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs bench/run.sh on 200 jobs, notebook included, so the benchmark cannot rot: the script must
 * finish, and its own correctness check must find every expected value stored by the sync.
 */
class BenchSmokeTest {
  /** A hung benchmark fails the test instead of hanging it; a loaded machine's run stays under. */
  private static final long LIMIT_SECONDS = 600;

  @Test
  void benchmarkOfTwoHundredJobsStoresEveryExpectedValue(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("bench.out");
    Path err = dir.resolve("bench.err");
    ProcessBuilder builder = new ProcessBuilder("bash", "bench/run.sh", "200")
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // The shaded jar does not exist yet in mvn verify's test phase: run the classes under test.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    builder.environment().put("SQUASH_INFLUX_CMD",
        java + " -cp " + System.getProperty("java.class.path") + " io.squashinflux.cli.Main");
    builder.environment().put("TMPDIR", dir.toString());
    Process process = builder.start();
    boolean finished = process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    String report = Files.readString(out) + Files.readString(err);
    assertThat(finished).as("bench/run.sh 200 finished within %d s:%n%s", LIMIT_SECONDS, report).isTrue();
    assertThat(process.exitValue()).as(report).isZero();
    assertThat(Files.readString(out))
        .containsPattern("check: \\(b\\) squash-influx stored (\\d+) of \\1 expected field values: OK")
        .contains("(a) notebook (python)", "(c) ceiling (curl)", "ratios: b/a = ");
  }
}
