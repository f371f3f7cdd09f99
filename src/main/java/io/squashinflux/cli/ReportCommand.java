package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Directions;
import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.series.ReadModel;
import io.squashinflux.series.SeriesException;
import io.squashinflux.report.Ranking;
import io.squashinflux.report.ReportJson;
import io.squashinflux.report.ReportPage;
import io.squashinflux.specs.Specs;
import io.squashinflux.specs.SpecsException;
import io.squashinflux.report.TrendReport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
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
      "Which way is worse comes from --lower-is-better / --higher-is-better, else the specs'"
          + " operators (<= : lower is better); with neither, shifts are listed as changes."
    },
    footer = {
      "",
      "Examples:",
      "  squash-influx report --db squash --mapping squash --squash-url https://squash-restful-api.lsst.codes",
      "  squash-influx report --db squash-sandbox --specs verify_job.json -o trends.html \\",
      "      --json findings.json --fail-on-regression",
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

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the findings as JSON: regressions, changes, specs.")
  Path json;

  @Option(names = "--fail-on-regression",
      description = "Exit with code 1 when a regression is found (for CI and cron alerts).")
  boolean failOnRegression;

  @Option(names = "--measurement", paramLabel = "NAME",
      description = "Report only this measurement (repeatable; default: all but packages).")
  List<String> measurements = new ArrayList<>();

  @Option(names = "--window", paramLabel = "N", defaultValue = "5",
      description = "Fewest points a new level must hold, and before it (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--max-window", paramLabel = "N", defaultValue = "80",
      description = "Most points on each side a shift is judged over (default: ${DEFAULT-VALUE}).")
  int maxWindow;

  @Option(names = "--false-alarm", paramLabel = "P", defaultValue = "0.001",
      description = "Largest chance, per series, that noise alone shows a shift reported"
          + " (default: ${DEFAULT-VALUE}).")
  double falseAlarm;

  @Option(names = "--min-change", paramLabel = "FRACTION", defaultValue = "0.1",
      description = "Smallest relative change reported on a series with no noise to judge by,"
          + " 0.1 = 10% (default: ${DEFAULT-VALUE}).")
  double minChange;

  @Option(names = "--lower-is-better", paramLabel = "GLOB",
      description = "Metrics whose names match (* any characters, ? one) are worse when higher;"
          + " before what the specs say (repeatable).")
  List<String> lowerIsBetter = new ArrayList<>();

  @Option(names = "--higher-is-better", paramLabel = "GLOB",
      description = "Metrics whose names match are worse when lower (repeatable).")
  List<String> higherIsBetter = new ArrayList<>();

  @Option(names = "--only-crossing",
      description = "List only shifts that cross a spec level (page, JSON, summary).")
  boolean onlyCrossing;

  @Option(names = "--above", paramLabel = "PERCENT", defaultValue = "0",
      description = "List only shifts of at least this relative change; a change from zero"
          + " always is (default: ${DEFAULT-VALUE}).")
  double abovePercent;

  @Option(names = "--max-points", paramLabel = "N", defaultValue = "2000",
      description = "Most points drawn per line; longer series are decimated for drawing only,"
          + " never for detection (default: ${DEFAULT-VALUE}).")
  int maxPoints;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    DetectorSettings settings;
    try {
      settings = new DetectorSettings(window, maxWindow, falseAlarm, minChange);
    } catch (IllegalArgumentException e) {
      throw new UserError("detection settings: " + e.getMessage());
    }
    if (!(abovePercent >= 0)) {
      throw new UserError("--above must be a percentage of at least 0, was " + abovePercent);
    }
    if (maxPoints < 10) {
      throw new UserError("--max-points must be at least 10, was " + maxPoints);
    }
    HttpSettings http = http();
    InfluxTarget target = influx.target(http);
    ReadModel model = ReadModel.of(ModelOptions.mapping(mapping));
    Specs thresholds = specs(target.http());
    Directions directions = Directions.of(lowerIsBetter, higherIsBetter, thresholds);
    Path charts = Files.createTempFile("squash-report-", ".charts");
    try {
      TrendReport.Result result;
      try {
        result = new TrendReport(new InfluxQuery(target), model, thresholds, directions, settings,
            maxPoints).run(measurements, charts).only(Ranking.shown(onlyCrossing, abovePercent / 100));
      } catch (SeriesException e) {
        throw new UserError(e.getMessage());
      }
      String source = "InfluxDB " + target.url() + ", database " + target.database() + ", mapping "
          + model.mapping().name();
      ReportPage.write(result, source, charts, output);
      if (json != null) {
        ReportJson.write(result, json);
      }
      print(spec.commandLine().getOut(), result);
      return failOnRegression && !result.regressions().isEmpty() ? Main.INCOMPLETE : Main.OK;
    } finally {
      Files.deleteIfExists(charts);
    }
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

  private void print(PrintWriter out, TrendReport.Result result) {
    out.printf("Report:      %s (%d metrics, %d series, %d values)%n", output.toAbsolutePath(),
        result.metrics(), result.series(), result.points());
    if (json != null) {
      out.println("Findings:    " + json.toAbsolutePath());
    }
    out.printf("Regressions: %d%n", result.regressions().size());
    result.regressions().forEach(f -> out.println("  " + line(f)));
    out.printf("Changes:     %d (shifts for the better, or with no spec saying which way is worse)%n",
        result.changes().size());
    out.flush();
  }

  /** One finding on one line, as the demo prints it too. */
  static String line(Finding f) {
    String unit = f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit();
    String change = f.change().isPresent()
        ? String.format(java.util.Locale.ROOT, "%+.1f%%", f.change().getAsDouble() * 100) : "n/a (from 0)";
    return String.format(java.util.Locale.ROOT, "%s on %s / %s: %s (%.4g -> %.4g%s; %s; %s%s) from %s%s%s",
        f.metric(), f.dataset(), f.filter(), change, f.before(), f.after(), unit,
        f.evidence().sureness(), f.evidence().sides(),
        f.crosses().isEmpty() ? "" : "; crosses " + String.join(", ", f.crosses()),
        ReportJson.isoDate(f.at()), f.job() == null ? "" : ", job " + f.job(),
        f.packagesChanged().isEmpty() ? "" : "; packages changed: " + String.join(", ", f.packagesChanged()));
  }
}
