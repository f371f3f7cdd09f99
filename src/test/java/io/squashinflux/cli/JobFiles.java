package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxApiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Thirty generated job files and the lines {@code convert} makes of them: what a server playing an
 * InfluxDB write API must end up holding after a sync of the folder.
 */
record JobFiles(Path folder, List<String> lines) {
  JobFiles {
    lines = List.copyOf(lines);
  }

  /** Generates the jobs (seed 7) into {@code folder}. */
  static JobFiles generate(Path folder) {
    assertThat(Cli.run("generate", "--count", "30", "--seed", "7", "--out", folder.toString()).code())
        .isZero();
    return new JobFiles(folder, convert(folder));
  }

  /** The lines {@code convert} makes of the jobs in a folder, sorted. */
  private static List<String> convert(Path from) {
    Cli.Result result = Cli.run("convert", "--from", from.toString(), "--quiet");
    assertThat(result.code()).as(result.err()).isZero();
    return result.out().lines().filter(l -> !l.isBlank()).sorted().toList();
  }

  /**
   * Asserts that a sync which the server refused the lines containing {@code text} exited 1, counted
   * those lines as rejected and left the server holding every other line; returns the refused.
   */
  List<String> assertRefusedTheRestStored(String text, Cli.Result result, InfluxApiServer server) {
    assertThat(result.code()).as(result.toString()).isEqualTo(1);
    List<String> refused = lines.stream().filter(l -> l.contains(text)).toList();
    assertThat(refused).isNotEmpty();
    assertThat(server.stored().stream().sorted().toList())
        .isEqualTo(lines.stream().filter(l -> !refused.contains(l)).toList());
    assertThat(result.summary().path("lines_rejected").asInt()).isEqualTo(refused.size());
    return refused;
  }

  /** A sync of these files with a token into database {@code squash}; state and rejects in {@code dir}. */
  List<String> sync(String influxUrl, String token, Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("sync", "--from", folder.toString(),
        "--influx-url", influxUrl, "--influx-token", token, "--db", "squash",
        "--state", dir.resolve("state.json").toString(),
        "--rejects", dir.resolve("rejects.jsonl").toString(), "--retry-delay", "10ms"));
    args.addAll(List.of(more));
    return args;
  }
}
