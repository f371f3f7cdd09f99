package io.squashinflux.detect;

/**
 * How shifts are told from noise (the README's "Regression detection" explains each).
 *
 * @param window the fewest points on each side of a shift: a level must hold this long to count
 * @param maxWindow the most points on each side that the two medians are taken over
 * @param threshold how many standard errors the two medians must differ by
 * @param minChange the smallest relative change reported (0.1 = 10% of the level before)
 */
public record DetectorSettings(int window, int maxWindow, double threshold, double minChange) {

  public static final DetectorSettings DEFAULT = new DetectorSettings(5, 30, 5.0, 0.10);

  public DetectorSettings {
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2: " + window);
    }
    if (maxWindow < window) {
      throw new IllegalArgumentException(
          "max window must be at least the window (" + window + "): " + maxWindow);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be positive: " + threshold);
    }
    if (!(minChange >= 0)) {
      throw new IllegalArgumentException("min change must not be negative: " + minChange);
    }
  }
}
