package io.squashinflux.cli;

import io.squashinflux.detect.DetectorSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What the trend report reads and how it detects a shift: for {@code report} and {@code watch --report}. */
final class DetectionOptions {

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

  /** The detector's settings; a bad value is a user error. */
  DetectorSettings settings() {
    DetectorSettings settings;
    try {
      settings = new DetectorSettings(window, maxWindow, threshold, minChange);
    } catch (IllegalArgumentException e) {
      throw new UserError("detection settings: " + e.getMessage());
    }
    if (maxPoints < 10) {
      throw new UserError("--max-points must be at least 10, was " + maxPoints);
    }
    return settings;
  }
}
