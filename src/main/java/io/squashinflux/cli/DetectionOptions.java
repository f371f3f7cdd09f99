package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.detect.Directions;
import io.squashinflux.detect.Finding;
import io.squashinflux.report.Ranking;
import io.squashinflux.specs.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** What the trend report reads and how it detects a shift: for {@code report} and {@code watch --report}. */
final class DetectionOptions {

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

  /** The old noise bar, replaced by --false-alarm: a pointer, not a silent change of meaning. */
  @Option(names = "--threshold", paramLabel = "Z", hidden = true)
  String oldThreshold;

  @Option(names = "--min-change", paramLabel = "FRACTION", defaultValue = "0.1",
      description = "Smallest relative change reported on a series with no noise to judge by,"
          + " 0.1 = 10%% (default: ${DEFAULT-VALUE}).")
  double minChange;

  @Option(names = "--lower-is-better", paramLabel = "GLOB",
      description = "Metrics whose names match (* any characters, ? one) are worse when higher;"
          + " before what the specs say (repeatable).")
  List<String> lowerIsBetter = new ArrayList<>();

  @Option(names = "--higher-is-better", paramLabel = "GLOB",
      description = "Metrics whose names match are worse when lower (repeatable).")
  List<String> higherIsBetter = new ArrayList<>();

  @Option(names = "--only-crossing",
      description = "List only shifts that cross a spec level (page, findings, summary).")
  boolean onlyCrossing;

  @Option(names = "--above", paramLabel = "PERCENT", defaultValue = "0",
      description = "List only shifts of at least this relative change; a change from zero"
          + " always is (default: ${DEFAULT-VALUE}).")
  double abovePercent;

  @Option(names = "--max-points", paramLabel = "N", defaultValue = "2000",
      description = "Most points drawn per line; longer series are decimated for drawing only,"
          + " never for detection (default: ${DEFAULT-VALUE}).")
  int maxPoints;

  /** The detector's settings; a bad value is a user error. */
  DetectorSettings settings() {
    if (oldThreshold != null) {
      throw new UserError("--threshold is gone: a shift is now judged by the chance that noise"
          + " alone shows it; set that with --false-alarm P (default 0.001)");
    }
    DetectorSettings settings;
    try {
      settings = new DetectorSettings(window, maxWindow, falseAlarm, minChange);
    } catch (IllegalArgumentException e) {
      throw new UserError("detection settings: " + e.getMessage());
    }
    if (!(abovePercent >= 0)) {
      throw new UserError("--above must be a percentage of at least 0, was " + abovePercent);
    }
    return settings;
  }

  /** Which way is worse: the glob options first, then the specs. */
  Directions directions(Specs specs) {
    return Directions.of(lowerIsBetter, higherIsBetter, specs);
  }

  /** Which findings are listed. */
  Predicate<Finding> shown() {
    return Ranking.shown(onlyCrossing, abovePercent / 100);
  }
}
