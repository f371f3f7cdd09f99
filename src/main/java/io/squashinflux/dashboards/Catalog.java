package io.squashinflux.dashboards;

import java.util.List;
import java.util.Map;

/** What the dashboards read from InfluxDB: its measurements, their fields, tags and tag values. */
interface Catalog {

  List<String> measurements();

  /** Field key to InfluxDB type ({@code float}, {@code string}, ...). */
  Map<String, String> fieldTypes(String measurement);

  List<String> tagKeys(String measurement);

  /** The values of a tag in a measurement, sorted. */
  List<String> tagValues(String measurement, String tagKey);

  /** The values of a tag among the points whose {@code whereTag} is {@code whereValue}, sorted. */
  List<String> tagValues(String measurement, String tagKey, String whereTag, String whereValue);

  /** The time of the measurement's first and last point; null when it has none. */
  Span span(String measurement);
}
