package io.squashinflux.series;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The points of one metric on one dataset and filter, in time order.
 *
 * @param dataset the dataset, or null when the points have none
 * @param filter the filter, or null when the points have none
 * @param terms the other tags specs may ask about, by metadata_query key ({@code instrument}):
 *     only those the points carry
 */
public record MetricSeries(String metric, String dataset, String filter, List<Point> points,
    Map<String, String> terms) {

  public MetricSeries {
    Objects.requireNonNull(metric, "metric == null");
    points = List.copyOf(points);
    terms = Map.copyOf(terms);
  }

  /** A series of a dataset and filter alone. */
  public MetricSeries(String metric, String dataset, String filter, List<Point> points) {
    this(metric, dataset, filter, points, Map.of());
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
