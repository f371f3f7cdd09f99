package io.squashinflux.series;

/** Where a metric is stored: a numeric field of a measurement. */
public record MetricField(String measurement, String field, String metric) {

  /** The verification package: the metric name's text before its first dot. */
  public String packageName() {
    int dot = metric.indexOf('.');
    return dot < 0 ? measurement : metric.substring(0, dot);
  }
}
