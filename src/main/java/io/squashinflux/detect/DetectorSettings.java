package io.squashinflux.detect;

/**
 * How shifts are told from noise (the README's "Regression detection" explains each).
 *
 * @param window the fewest points on each side of a shift: a level must hold this long to count
 * @param maxWindow the most points on each side that a shift is judged over
 * @param falseAlarm the largest probability, per series, that noise alone shows a shift reported
 * @param minChange the smallest relative change reported where a series has no noise to judge by
 *     (0.1 = 10% of the level before)
 */
public record DetectorSettings(int window, int maxWindow, double falseAlarm, double minChange) {

  public static final DetectorSettings DEFAULT = new DetectorSettings(5, 80, 0.001, 0.10);

  public DetectorSettings {
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2: " + window);
    }
    if (maxWindow < window) {
      throw new IllegalArgumentException(
          "max window must be at least the window (" + window + "): " + maxWindow);
    }
    if (!(falseAlarm > 0 && falseAlarm < 1)) {
      throw new IllegalArgumentException("false-alarm probability must be between 0 and 1: " + falseAlarm);
    }
    if (!(minChange >= 0)) {
      throw new IllegalArgumentException("min change must not be negative: " + minChange);
    }
  }
}
