package io.squashinflux.cli;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobFormat;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.Regression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes generated SQuaSH jobs to a folder, one file per job, one job in memory at a time. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Write realistic, seeded SQuaSH jobs to a folder, for demos, tests and benchmarks.",
    footerHeading = "%nExample:%n",
    footer = "  squash-influx generate --count 5000 --seed 7 --format api --out /tmp/jobs")
public final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--count", description = "Number of jobs (ids 1..N).", defaultValue = "1000")
  int count;

  @Option(names = "--seed", description = "Random seed: the same seed writes the same jobs.",
      defaultValue = "1")
  long seed;

  @Option(names = "--format", description = "api (GET /job/<id> response, <id>.json) or verify"
      + " (lsst.verify job file, <id>.verify.json).", defaultValue = "api")
  String format;

  @Option(names = "--out", required = true, description = "Folder to write to (created if missing).")
  Path out;

  @Option(names = "--span-days", description = "Days over which date_created is spread.",
      defaultValue = "365")
  int spanDays;

  @Option(names = "--end", description = "End of the span (ISO instant or date, UTC).",
      defaultValue = "2024-01-01T00:00:00Z")
  String end;

  @Option(names = "--null-share", description = "Share of null measurement values.",
      defaultValue = "0.03")
  double nullShare;

  @Option(names = "--unknown-share", description = "Share of jobs whose dataset is 'unknown'.",
      defaultValue = "0")
  double unknownShare;

  @Option(names = "--regression-date", description = "When validate_drp.PA1 on validation_data_hsc"
      + " jumps (ISO instant or date, UTC); default: the middle of the span.")
  String regressionDate;

  @Option(names = "--regression-factor", description = "Factor of the planted jump.",
      defaultValue = "1.5")
  double regressionFactor;

  @Option(names = "--no-regression", description = "Plant no regression.")
  boolean noRegression;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    JobGenerator generator;
    JobFormat jobFormat;
    try {
      jobFormat = JobFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
      generator = new JobGenerator(settings());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("generate: " + e.getMessage());
      return 2;
    }
    String unusable = io.squashinflux.files.FileProblem.beforeWriting(out.resolve("job.json"), true);
    if (unusable != null) {
      err.println("generate: --out " + out + ": " + unusable);
      return 2;
    }
    try {
      generator.writeFiles(out, jobFormat);
    } catch (IOException e) {
      err.println("generate: cannot write to " + out + ": "
          + io.squashinflux.files.FileProblem.why(e) + "; choose another --out");
      return 2;
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println("wrote " + count + " " + format + " jobs to " + out
        + generator.regression().map(r -> " (" + r.metric() + " on " + r.dataset() + " x"
            + r.factor() + " from " + r.at() + ")").orElse(""));
    stdout.flush();
    return 0;
  }

  GeneratorSettings settings() {
    if (spanDays < 1) {
      throw new IllegalArgumentException("--span-days must be at least 1: " + spanDays);
    }
    Regression regression = null;
    if (!noRegression) {
      Instant at = regressionDate == null ? null : instant(regressionDate);
      regression = Regression.DEFAULT.at(at).withFactor(regressionFactor);
    }
    return GeneratorSettings.of(seed, count)
        .withEnd(instant(end))
        .withSpan(Duration.ofDays(spanDays))
        .withNullShare(nullShare)
        .withUnknownShare(unknownShare)
        .withRegression(regression);
  }

  private static Instant instant(String text) {
    return text.length() == 10
        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
        : Instant.parse(text);
  }
}
