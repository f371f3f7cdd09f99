package io.squashinflux.demo;

import java.time.Instant;
import java.util.Objects;

/**
 * A planted regression: from {@code at} on, {@code metric} of jobs on {@code dataset} is multiplied
 * by {@code factor}. A null {@code at} means the middle of the generated span.
 */
public record Regression(String metric, String dataset, Instant at, double factor) {

  /** PA1 on the HSC dataset gets 50% worse in the middle of the span. */
  public static final Regression DEFAULT =
      new Regression("validate_drp.PA1", "validation_data_hsc", null, 1.5);

  public Regression {
    Objects.requireNonNull(metric, "metric == null");
    Objects.requireNonNull(dataset, "dataset == null");
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be a positive number: " + factor);
    }
  }

  /** The same regression at another time. */
  public Regression at(Instant when) {
    return new Regression(metric, dataset, when, factor);
  }

  /** The same regression with another factor. */
  public Regression withFactor(double newFactor) {
    return new Regression(metric, dataset, at, newFactor);
  }

  /** True when a value of this metric, dataset and creation time is affected. */
  boolean affects(String metricName, String datasetName, Instant created) {
    return metric.equals(metricName) && dataset.equals(datasetName) && !created.isBefore(at);
  }
}
