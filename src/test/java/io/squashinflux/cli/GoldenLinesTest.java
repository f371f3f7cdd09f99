package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.SharedSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each job document, under each built-in model, converts to exactly the line
 * protocol kept in {@code src/test/resources/golden/<model>/}. The real SQuaSH documents are read
 * in place from {@code ../shared}; the project's own fixtures cover the same shapes on a fresh
 * clone. Each golden file ends with the run's summary as {@code #} comments. Run with {@code -Dgolden.update=true} to rewrite the files after a deliberate change, and
 * review the diff.
 */
class GoldenLinesTest {
  static final List<String> SHARED = List.of("get_job_response_example.json", "verify_job.json",
      "verify_job_with_null.json", "job-768.json", "Cfht_output_r.json");
  static final List<String> FIXTURES = List.of("api-job.json", "verify-file.json",
      "jenkins-decam.json", "raw-output-no-env.json", "hostile-meta.json", "env-absent.json",
      "env-empty.json", "dataset-in-env-ci.json", "dataset-in-env-dataset.json",
      "dataset-in-meta.json", "dataset-null-top.json", "extra-keys.json");
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path tmp;

  static Stream<Arguments> fixtures() {
    List<Arguments> cases = new ArrayList<>();
    for (String model : List.of("notebook", "squash")) {
      for (String fixture : FIXTURES) {
        cases.add(Arguments.of(model, fixture));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> sharedSamples() {
    List<Arguments> cases = new ArrayList<>();
    for (String model : List.of("notebook", "squash")) {
      for (String sample : SHARED) {
        cases.add(Arguments.of(model, sample));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: fixture {1}")
  @MethodSource("fixtures")
  void fixtureConvertsToItsGoldenLines(String model, String fixture) throws IOException {
    check(model, Path.of("src/test/resources/fixtures", fixture), "fixtures-" + fixture);
  }

  @ParameterizedTest(name = "{0}: shared sample {1}")
  @MethodSource("sharedSamples")
  void sharedSampleConvertsToItsGoldenLines(String model, String sample) throws IOException {
    check(model, SharedSamples.file(sample), sample);
  }

  @org.junit.jupiter.api.Test
  void packagesAreReadAndWrittenOnlyWhenAsked() throws IOException {
    Path document = Path.of("src/test/resources/fixtures/jenkins-decam.json");
    Path output = tmp.resolve("packages.lp");
    Cli.Result cli = Cli.run("convert", "--from", document.toString(), "--packages",
        "--no-default-excludes", "--quiet", "-o", output.toString());
    assertThat(cli.code()).isZero();
    assertThat(Files.readAllLines(output)).filteredOn(line -> line.startsWith("packages,"))
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("package=afw", "git_sha=\"a1b2c3\""));
  }

  private void check(String model, Path document, String name) throws IOException {
    Path output = tmp.resolve("out.lp");
    Cli.Result cli = Cli.run("convert", "--from", document.toString(), "--mapping", model,
        "--no-default-excludes", "-o", output.toString());
    assertThat(cli.err()).doesNotContain("Exception");
    // The lines, then the summary as comments: what was dropped or changed, and why.
    // Paths are shown by file name, so the files hold wherever the project is checked out.
    String summary = cli.err().replace(document.toAbsolutePath().normalize().toString(),
        document.getFileName().toString());
    String lines = Files.readString(output, StandardCharsets.UTF_8)
        + summary.lines().map(line -> "# " + line + "\n").reduce("", String::concat);
    Path golden = GOLDEN.resolve(model).resolve(name.replace(".json", ".lp"));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, lines, StandardCharsets.UTF_8);
    }
    assertThat(golden).exists();
    assertThat(lines).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
