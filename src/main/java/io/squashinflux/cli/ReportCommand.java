package io.squashinflux.cli;

import io.squashinflux.mapping.ModelChoice;
import io.squashinflux.files.Writable;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.series.ReadModel;
import io.squashinflux.notify.ReportAndTell;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: the trend report of what InfluxDB holds, as one HTML file and, on request, JSON. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = {
      "Read the metrics back from InfluxDB and write one self-contained HTML trend report:"
          + " regressions first (sustained shifts for the worse, with the packages that changed),"
          + " then the spec status, then a chart per metric. Opens from disk with no network.",
      "Which way is worse comes from the specs' operators (<= : lower is better); without specs"
          + " shifts are listed as changes."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx report --db squash --mapping squash --squash-url https://squash-restful-api.lsst.codes",
      "  squash-influx report --db squash-sandbox --specs verify_job.json -o trends.html \\",
      "      --findings findings.json --fail-on-regression",
      "",
      "Exit codes: 0 report written; 1 a regression (or a change of unknown direction) was found"
          + " with --fail-on-regression, or InfluxDB could not be read; 2 usage or configuration"
          + " error, or the database holds no metric values."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin InfluxOptions influx;

  @Option(names = "--mapping", paramLabel = "NAME|FILE", defaultValue = "notebook",
      description = "The data model the database was written with: notebook, squash or a mapping"
          + " file; it says which tags hold the dataset and filter (default: ${DEFAULT-VALUE}).")
  String mapping;

  @Mixin SpecsOptions reference;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "squash-report.html",
      description = "The HTML file to write (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--findings", paramLabel = "FILE",
      description = "Also write the findings as JSON: regressions, changes, specs.")
  Path findings;

  /** The findings file's old option, now a pointer to --findings. */
  @Option(names = "--json", paramLabel = "FILE", arity = "0..1", hidden = true)
  String oldJson;

  @Option(names = "--fail-on-regression",
      description = "Exit with code 1 when a regression is found (for CI and cron alerts); a"
          + " sustained change whose direction no spec gives fails too, so a run without specs"
          + " never passes by mistake.")
  boolean failOnRegression;

  @Mixin DetectionOptions detection;
  @Mixin NotifyOptions notify;

  @Override
  public Integer call() throws Exception {
    // The page and the findings are written last: a place they cannot go must stop the run first.
    Writable.check("-o", output, false);
    if (findings != null) {
      Writable.check("--findings", findings, false);
    }
    if (oldJson != null) {
      throw new UserError("report --json FILE is now --findings FILE: --json means a run's"
          + " summary as JSON");
    }
    InfluxTarget target = influx.readTarget();
    ReadModel model = ReadModel.of(ModelChoice.mapping(mapping));
    detection.settings();
    ReportAndTell run = notify.reportAndTell(target, model, reference.load(target.http()), detection,
        java.time.Clock.systemUTC());
    return run.run(output, findings).print(spec.commandLine().getOut(),
        spec.commandLine().getErr(), failOnRegression);
  }
}
