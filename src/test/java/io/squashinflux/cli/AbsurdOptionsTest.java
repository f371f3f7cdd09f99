package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Absurd option values and unusable paths, across commands: each is one line on stderr saying what
 * is wrong (and for a path, why: a missing folder, a file system that takes no files, a
 * permission) and exit 2, before any server is asked anything. Nothing listens on the InfluxDB
 * URL given, so a check made late would show as "unreachable" instead.
 */
class AbsurdOptionsTest {
  private static final String NOWHERE = "http://127.0.0.1:9";
  private static final String JOB = "src/test/resources/fixtures/api-job.json";
  @TempDir static Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        sync("--parallel 0", "--parallel must be from 1 to 256, was 0"),
        sync("--parallel 99999999", "--parallel must be from 1 to 256, was 99999999"),
        sync("--retry-attempts 0", "--retry-attempts must be from 1 to 1000, was 0"),
        sync("--retry-time 0s", "--retry-time must be from 1ms to 30d, was 0s"),
        sync("--retry-time 99999d", "--retry-time must be from 1ms to 30d, was 99999d"),
        sync("--read-timeout 0s", "--read-timeout must be from 1ms to 1d"),
        sync("--connect-timeout 0ms", "--connect-timeout must be from 1ms to 1d"),
        sync("--influx-timeout 99999d", "--influx-timeout must be from 1ms to 1d"),
        sync("--batch-lines 0", "--batch-lines must be from 1 to 1000000, was 0"),
        sync("--batch-lines 999999999999", "'999999999999' is not an int"),
        sync("--batch-bytes 1", "--batch-bytes must be from 1024"),
        sync("--max-response-size 0", "'0' is not a positive size"),
        sync("--max-response-size 99999GB", "--max-response-size must be from 1KB to 2GB"),
        sync("--retry-time soon", "'soon' is not a duration"),
        of("watch --from " + JOB + " --influx-url " + NOWHERE + " --no-state --interval 1ms",
            "--interval must be from 100ms to 30d, was 1ms"),
        of("watch --from " + JOB + " --influx-url " + NOWHERE + " --no-state --max-backoff 0s",
            "--max-backoff must be from 100ms to 30d"),
        of("report --influx-url " + NOWHERE + " --max-points 0", "--max-points must be from 10"),
        of("report --influx-url " + NOWHERE + " --window 0", "window must be at least 2"),
        of("serve-api --generate 3 --port 99999", "--port must be from 0 to 65535, was 99999"),
        of("serve-api --generate 3 --port -1", "--port must be from 0 to 65535, was -1"),
        of("generate --count 0 --out " + dir.resolve("g"), "--count must be from 1"),
        of("demo --jobs 5", "--jobs must be from 12"),
        of("sync --from " + JOB + " --no-state --influx-url localhost:8086", "not an http(s) URL"),
        of("sync --from " + JOB + " --no-state --influx-url http://127.0.0.1:99999",
            "not an http(s) URL: http://127.0.0.1:99999"),
        of("sync --squash-url squash.example --influx-url " + NOWHERE, "not an http(s) URL"),
        of("sync --squash-url http://squash:99999 --influx-url " + NOWHERE, "not an http(s) URL"),
        of("report --influx-url " + NOWHERE + " --specs http://squash:70000/specs",
            "--specs http://squash:70000/specs: not an http(s) URL"),
        of("sync --from " + JOB + " --influx-url " + NOWHERE + " --state /proc/state.json",
            "--state /proc/state.json: cannot write in /proc: it takes no new files"),
        of("sync --from " + JOB + " --influx-url " + NOWHERE + " --state /sys/state.json",
            "--state /sys/state.json: cannot write in /sys: permission denied"),
        of("sync --from " + JOB + " --influx-url " + NOWHERE + " --state "
            + dir.resolve("a-file/state.json"), "a-file is not a folder"),
        sync("--rejects /sys/r.jsonl", "--rejects /sys/r.jsonl: cannot write in /sys"),
        of("convert --from " + JOB + " -o " + dir.resolve("missing/out.lp"),
            "missing does not exist; create it (mkdir -p"),
        of("convert --from " + JOB + " -o /proc/out.lp", "cannot write in /proc"),
        of("report --influx-url " + NOWHERE + " -o " + dir.resolve("missing/r.html"),
            "-o " + dir.resolve("missing/r.html") + ": the folder"),
        of("report --influx-url " + NOWHERE + " --findings " + dir.resolve("missing/f.json"),
            "--findings " + dir.resolve("missing/f.json") + ": the folder"),
        of("report --influx-url " + NOWHERE + " -o " + dir, "it is a folder; name a file"),
        of("dashboards --for all --influx-url " + NOWHERE + " -o /sys/boards",
            "-o /sys/boards: cannot write in /sys/boards"),
        of("generate --out /sys/jobs", "--out /sys/jobs: cannot write in /sys/jobs"));
  }

  private static Arguments sync(String options, String expected) {
    return of("sync --from " + JOB + " --influx-url " + NOWHERE + " --no-state " + options,
        expected);
  }

  private static Arguments of(String args, String expected) {
    return Arguments.of(args, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneLineAndExitTwo(String args, String expected) throws Exception {
    Files.writeString(dir.resolve("a-file"), "");
    List<String> argv = new ArrayList<>(List.of(args.split(" ")));
    Cli.Result result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run(argv));

    assertThat(result.code()).as(result.toString()).isEqualTo(2);
    assertThat(result.err().lines().filter(line -> !line.isBlank())).as(result.toString())
        .singleElement().asString()
        .contains(expected)
        .doesNotContain("unexpected error", "Exception");
  }
}
