package io.squashinflux.series;

import java.util.List;
import java.util.Objects;

/**
 * The points of one metric on one dataset and filter, in time order.
 *
 * @param dataset the dataset, or null when the points have none
 * @param filter the filter, or null when the points have none
 */
public record MetricSeries(String metric, String dataset, String filter, List<Point> points) {

  public MetricSeries {
    Objects.requireNonNull(metric, "metric == null");
    points = List.copyOf(points);
  }

  /** {@code dataset / filter}, as the page labels the line. */
  public String label() {
    return (dataset == null ? "(no dataset)" : dataset) + " / " + (filter == null ? "(no filter)" : filter);
  }

  /** The values alone, for detection. */
  public double[] values() {
    double[] values = new double[points.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = points.get(i).value();
    }
    return values;
  }
}
