package io.squashinflux.demo;

import java.util.Objects;

/**
 * One planted pattern on one series (metric, dataset, filter), for tests and benchmarks of the
 * report's detection; {@code job} is a job of that series.
 *
 * <ul>
 *   <li>{@link Kind#STEP}: from job {@code job} on, values are multiplied by {@code size};
 *   <li>{@link Kind#OUTLIER}: the value of job {@code job} alone is multiplied by {@code size};
 *   <li>{@link Kind#DRIFT}: values grow linearly to {@code size} times at the end of the span;
 *   <li>{@link Kind#NULLS}: a share {@code size} of the values are null.
 * </ul>
 */
public record Plant(Kind kind, String metric, String dataset, String filter, long job, double size) {

  /** What is planted. */
  public enum Kind {
    STEP,
    OUTLIER,
    DRIFT,
    NULLS
  }

  public Plant {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(dataset, "dataset == null");
    Objects.requireNonNull(filter, "filter == null");
    if (!(size > 0) || Double.isInfinite(size)) {
      throw new IllegalArgumentException("size must be a positive number: " + size);
    }
  }

  /** True when this plant is on the series of this metric, dataset and filter. */
  boolean on(String metricName, String datasetName, String filterName) {
    return metric.equals(metricName) && dataset.equals(datasetName) && filter.equals(filterName);
  }

  /** The factor for job {@code id} at {@code elapsed} (0 at the start of the span, 1 at its end). */
  double factor(long id, double elapsed) {
    return switch (kind) {
      case STEP -> id >= job ? size : 1;
      case OUTLIER -> id == job ? size : 1;
      case DRIFT -> 1 + (size - 1) * Math.max(0, Math.min(1, elapsed));
      case NULLS -> 1;
    };
  }
}
