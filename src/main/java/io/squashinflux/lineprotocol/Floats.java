package io.squashinflux.lineprotocol;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * The text of a float field value: the shortest decimal that reads back as the same double
 * (Schubfach, as Jackson writes numbers), in {@link Double#toString}'s form ({@code 12.5},
 * {@code 1.0E-5}, {@code -0.0}), which influxd parses back exactly. About three times cheaper than
 * the JDK 17 {@code Double.toString}, which is not always the shortest and was a tenth of a sync's
 * CPU when every value was formatted twice (bench/run.sh, BENCHMARKS.md).
 */
public final class Floats {
  private Floats() {}

  /** The shortest text of a finite double. */
  public static String shortest(double value) {
    return NumberOutput.toString(value, true);
  }
}
