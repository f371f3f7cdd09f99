package io.squashinflux.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link JobGenerator} draws its jobs. {@code count} is the planned number of jobs: their
 * {@code date_created} spread evenly over {@code span} ending at {@code end}; jobs added later
 * continue at the same pace after {@code end}.
 *
 * @param nullShare the share of measurement values that are {@code null}
 * @param unknownShare the share of jobs whose dataset is {@code unknown}
 * @param regression the planted regression, or null for none
 * @param plants further planted steps, outliers, drifts and nulls (see {@link Plants})
 */
public record GeneratorSettings(
    long seed,
    int count,
    Instant end,
    Duration span,
    double nullShare,
    double unknownShare,
    Regression regression,
    List<Plant> plants) {

  /** The end of the default span: a fixed date, so generated data never depends on today. */
  public static final Instant DEFAULT_END = Instant.parse("2024-01-01T00:00:00Z");

  public static final Duration DEFAULT_SPAN = Duration.ofDays(365);

  public GeneratorSettings {
    Objects.requireNonNull(end, "end == null");
    Objects.requireNonNull(span, "span == null");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    if (span.toSeconds() < 1) {
      throw new IllegalArgumentException("span must be at least one second: " + span);
    }
    checkShare("nullShare", nullShare);
    checkShare("unknownShare", unknownShare);
    plants = List.copyOf(plants);
  }

  /** One year ending at {@link #DEFAULT_END}, 3% nulls, no unknown dataset, the default regression. */
  public static GeneratorSettings of(long seed, int count) {
    return new GeneratorSettings(seed, count, DEFAULT_END, DEFAULT_SPAN, 0.03, 0.0, Regression.DEFAULT, List.of());
  }

  public GeneratorSettings withEnd(Instant newEnd) {
    return new GeneratorSettings(seed, count, newEnd, span, nullShare, unknownShare, regression, plants);
  }

  public GeneratorSettings withSpan(Duration newSpan) {
    return new GeneratorSettings(seed, count, end, newSpan, nullShare, unknownShare, regression, plants);
  }

  public GeneratorSettings withNullShare(double share) {
    return new GeneratorSettings(seed, count, end, span, share, unknownShare, regression, plants);
  }

  public GeneratorSettings withUnknownShare(double share) {
    return new GeneratorSettings(seed, count, end, span, nullShare, share, regression, plants);
  }

  /** A planted regression, or null for none. */
  public GeneratorSettings withRegression(Regression newRegression) {
    return new GeneratorSettings(seed, count, end, span, nullShare, unknownShare, newRegression, plants);
  }

  /** These planted patterns instead of the current ones. */
  public GeneratorSettings withPlants(List<Plant> newPlants) {
    return new GeneratorSettings(seed, count, end, span, nullShare, unknownShare, regression,
        newPlants);
  }

  public Instant start() {
    return end.minus(span);
  }

  private static void checkShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1: " + share);
    }
  }
}
