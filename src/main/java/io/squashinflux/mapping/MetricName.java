package io.squashinflux.mapping;

/**
 * Where one metric's value goes: the measurement is the text before the first dot (the
 * verification package), the field key the full name or, short, the rest after that dot.
 *
 * @param problem why the metric cannot be written under this mapping, or null
 */
record MetricName(String measurement, String fieldKey, String problem) {

  static MetricName of(String metric, boolean shortKeys) {
    if (metric.isEmpty()) {
      return new MetricName(null, null, "empty metric name");
    }
    int dot = metric.indexOf('.');
    String measurement = dot < 0 ? metric : metric.substring(0, dot);
    if (measurement.isEmpty()) {
      return new MetricName(null, null, "no package name");
    }
    if (!shortKeys) {
      return new MetricName(measurement, metric, null);
    }
    if (dot < 0) {
      return new MetricName(null, null, "no package prefix");
    }
    String key = metric.substring(dot + 1);
    return key.isEmpty()
        ? new MetricName(null, null, "no metric name after the package")
        : new MetricName(measurement, key, null);
  }
}
