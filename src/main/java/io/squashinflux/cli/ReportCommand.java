package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.Specs;
import io.squashinflux.specs.SpecsException;
import io.squashinflux.report.ReportRun;
import io.squashinflux.report.TrendReport;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      "Exit codes: 0 report written; 1 a regression was found with --fail-on-regression, or InfluxDB"
          + " could not be read; 2 usage or configuration error."
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
      description = "Exit with code 1 when a regression is found (for CI and cron alerts).")
  boolean failOnRegression;

  @Option(names = "--measurement", paramLabel = "NAME",
      description = "Report only this measurement (repeatable; default: all but packages).")
  List<String> measurements = new ArrayList<>();

  @Option(names = "--window", paramLabel = "N", defaultValue = "5",
      description = "Fewest points a new level must hold, and before it (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--max-window", paramLabel = "N", defaultValue = "30",
      description = "Most points on each side whose medians are compared (default: ${DEFAULT-VALUE}).")
  int maxWindow;

  @Option(names = "--threshold", paramLabel = "Z", defaultValue = "5",
      description = "Standard errors the two medians must differ by (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--min-change", paramLabel = "FRACTION", defaultValue = "0.1",
      description = "Smallest relative change reported, 0.1 = 10% (default: ${DEFAULT-VALUE}).")
  double minChange;

  @Option(names = "--max-points", paramLabel = "N", defaultValue = "2000",
      description = "Most points drawn per line; longer series are decimated for drawing only,"
          + " never for detection (default: ${DEFAULT-VALUE}).")
  int maxPoints;

  @Override
  public Integer call() throws Exception {
    DetectorSettings settings;
    try {
      settings = new DetectorSettings(window, maxWindow, threshold, minChange);
    } catch (IllegalArgumentException e) {
      throw new UserError("detection settings: " + e.getMessage());
    }
    if (maxPoints < 10) {
      throw new UserError("--max-points must be at least 10, was " + maxPoints);
    }
    HttpSettings http = http();
    InfluxTarget target = influx.target(http);
    ReadModel model = ReadModel.of(ModelOptions.mapping(mapping));
    if (oldJson != null) {
      throw new UserError("report --json FILE is now --findings FILE: --json means a run's"
          + " summary as JSON");
    }
    TrendReport.Result result = new ReportRun(target, model, specs(target.http()), settings,
        maxPoints, measurements, output, findings).run(spec.commandLine().getOut());
    return failOnRegression && !result.regressions().isEmpty() ? Main.INCOMPLETE : Main.OK;
  }

  /** Proxies from the environment, as for sync; a whole metric is read in one exchange. */
  private HttpSettings http() {
    try {
      return HttpSettings.defaults().withTimeouts(influx.timeout, java.time.Duration.ofMinutes(10));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private Specs specs(HttpSettings http) {
    try {
      if (reference.specs != null) {
        return Specs.load(reference.specs, http);
      }
      URI squashUrl = reference.squashUrl();
      return squashUrl == null ? Specs.NONE : Specs.fromSquash(squashUrl, http);
    } catch (SpecsException e) {
      throw new UserError(e.getMessage());
    }
  }
}
