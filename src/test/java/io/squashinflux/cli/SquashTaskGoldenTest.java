package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.ProtocolLine;
import io.squashinflux.testing.SharedSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The squash model against what SQuaSH's own sync task wrote (lsst-sqre/squash-api,
 * squash/tasks/utils: transformation.py, format.py, mapping.yaml). Each golden file under
 * {@code golden/squash-task/} holds SQuaSH's lines for its input, written from those facts (tags and
 * fields sorted; SQuaSH's order was a Python set's); lines are compared by what InfluxDB stores.
 * The documented fixes each have their own case: the golden file holds the model's line, and on
 * its first line what SQuaSH wrote instead (a line InfluxDB refused, or nothing).
 */
class SquashTaskGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/squash-task");
  private static final String BASE = "http://SQUASH";

  @Test
  void sharedApiAnswerIsWrittenAsSquashWroteIt(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path sample = SharedSamples.file("get_job_response_example.json");
    // Read from a file, the answer keeps its id: squash_id, and squash_url from --squash-url.
    assertThat(convert(tmp, "--from", sample.toString(), "--squash-url", BASE))
        .isEqualTo(golden("get_job_response_example.lp", BASE));
  }

  @Test
  void generatedJenkinsJobsWithCodeChangesAreWrittenAsSquashWroteThem(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    try (SquashApiServer api =
        SquashApiServer.start(new JobGenerator(GeneratorSettings.of(7, 12)), 0)) {
      String url = api.url().toString().replaceAll("/+$", "");
      List<ProtocolLine> ours = convert(tmp, "--squash-url", url);
      List<ProtocolLine> squash = golden("generated-seed7-12.lp", url);
      assertThat(ours).isEqualTo(squash);
      assertThat(ours).anySatisfy(line -> assertThat((String) line.fields().get("code_changes"))
          .contains("/commit/"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fix-quote-in-string-field", "fix-duplicate-tag", "fix-empty-tag-value",
      "fix-none-and-list-tags", "fix-trailing-backslash", "fix-no-env-name",
      "fix-metric-name-with-space"})
  void documentedFixDiffersFromSquashOnlyThere(String name,
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path input = Path.of("src/test/resources/squash-task", name + ".json");
    List<String> golden = Files.readAllLines(GOLDEN.resolve(name + ".lp"), StandardCharsets.UTF_8);
    String squashWrote = golden.get(0).substring("# SQuaSH wrote: ".length());

    List<ProtocolLine> ours = convert(tmp, "--from", input.toString(), "--squash-url", BASE);

    assertThat(ours).isEqualTo(parse(golden.subList(1, golden.size())));
    if (!squashWrote.startsWith("nothing")) { // the same job; the documented part differs
      assertThat(squashWrote).startsWith(ours.get(0).measurement() + ",")
          .endsWith(" " + ours.get(0).time());
      ProtocolLine squash;
      try {
        squash = ProtocolLine.parse(squashWrote);
      } catch (IllegalArgumentException | IndexOutOfBoundsException refused) {
        return; // a line InfluxDB could not parse either: nothing of it was stored
      }
      assertThat(squash).isNotEqualTo(ours.get(0));
    }
  }

  private static List<ProtocolLine> convert(Path tmp, String... source) throws IOException {
    Path out = tmp.resolve("out.lp");
    List<String> args = new java.util.ArrayList<>(
        List.of("convert", "--mapping", "squash", "--quiet", "-o", out.toString()));
    args.addAll(List.of(source));
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.err()).doesNotContain("Exception");
    return parse(Files.readAllLines(out, StandardCharsets.UTF_8));
  }

  private static List<ProtocolLine> golden(String file, String base) throws IOException {
    return parse(Files.readAllLines(GOLDEN.resolve(file), StandardCharsets.UTF_8).stream()
        .map(line -> line.replace(BASE, base)).toList());
  }

  private static List<ProtocolLine> parse(List<String> lines) {
    return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(ProtocolLine::parse).toList();
  }
}
