package io.squashinflux.cli;

import io.squashinflux.demo.Generate;
import java.nio.file.Path;
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
    return new Generate(count, seed, format, out, spanDays, end, nullShare, unknownShare,
        regressionDate, regressionFactor, noRegression)
        .run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
