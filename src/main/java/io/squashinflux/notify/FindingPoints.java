package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code report --annotate} puts a finding, as points the one encoder writes: one point at the time of its
 * change, tagged with a stable id, so a second run overwrites the same point (same measurement,
 * tags and time) and a finding that disappeared is overwritten with {@code deleted=true}, as
 * Chronograf itself deletes an annotation.
 *
 * <ul>
 *   <li>Chronograf 1.x (influx/annotations.go): database {@code chronograf}, measurement
 *       {@code annotations}, tag {@code id} plus any tags, fields {@code deleted},
 *       {@code start_time} (ns), {@code modified_time_ns}, {@code text}, {@code color}; the
 *       point's time is the annotation's end: start and end are the change's time.
 *   <li>The data's own database: measurement {@link #MEASUREMENT}, tags {@code id}, {@code
 *       metric}, {@code dataset}, {@code filter}, {@code direction}, fields {@code text},
 *       {@code change}, {@code deleted}: what the generated Grafana dashboards query
 *       ({@link #grafanaQuery}).
 * </ul>
 */
public final class FindingPoints {
  /** The measurement in the data's database; {@code report} and {@code dashboards} skip it. */
  public static final String MEASUREMENT = io.squashinflux.series.ReadModel.FINDINGS;
  static final String CHRONOGRAF_DATABASE = "chronograf";
  static final String CHRONOGRAF_MEASUREMENT = "annotations";
  /** Tags that say which annotations are ours, in Chronograf's database shared with people. */
  static final String SOURCE_TAG = "source";
  static final String SOURCE = "squash-influx";
  static final String DATABASE_TAG = "database";
  /** The tags of a finding, in both places; the key of a point beside the measurement. */
  static final List<String> TAGS = List.of("id", "metric", "dataset", "filter", "direction");

  /** What the encoder's notes name as the source of an annotation's values. */
  static final String JOB = "annotation";

  private FindingPoints() {}

  static Map<String, String> tags(Finding f) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("id", FindingKey.of(f).id());
    tags.put("metric", f.metric());
    tags.put("dataset", f.dataset());
    tags.put("filter", f.filter());
    tags.put("direction", f.direction());
    return tags;
  }

  static Point chronograf(Map<String, String> tags, String database, long time, String text,
      boolean deleted, long modified) {
    Map<String, String> all = new LinkedHashMap<>(tags);
    all.put(SOURCE_TAG, SOURCE);
    all.put(DATABASE_TAG, database);
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("deleted", new FieldValue.BoolValue(deleted));
    fields.put("start_time", new FieldValue.IntValue(deleted ? 0 : time));
    fields.put("modified_time_ns", new FieldValue.IntValue(modified));
    fields.put("text", new FieldValue.StringValue(text));
    fields.put("color", new FieldValue.StringValue(deleted ? "" : color(tags.get("direction"))));
    return new Point(JOB, CHRONOGRAF_MEASUREMENT, named(all), fields, time);
  }

  static Point data(Map<String, String> tags, long time, String text, double change,
      boolean deleted) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    fields.put("text", new FieldValue.StringValue(text));
    fields.put("change", new FieldValue.FloatValue(Double.isFinite(change) ? change : 0));
    fields.put("deleted", new FieldValue.BoolValue(deleted));
    return new Point(JOB, MEASUREMENT, named(tags), fields, time);
  }

  /**
   * The annotation query of one metric's panel in a Grafana dashboard over this database:
   * Grafana substitutes {@code $timeFilter} and the {@code dataset} and {@code filter} variables.
   */
  public static String grafanaQuery(String retentionPolicy, String metric, boolean withFilter) {
    String from = retentionPolicy == null ? InfluxQuery.identifier(MEASUREMENT)
        : InfluxQuery.identifier(retentionPolicy) + "." + InfluxQuery.identifier(MEASUREMENT);
    return "SELECT \"text\", \"dataset\", \"filter\", \"direction\" FROM " + from
        + " WHERE $timeFilter AND \"deleted\" = false AND \"metric\" = "
        + InfluxQuery.literal(metric) + " AND \"dataset\" =~ /^$dataset$/"
        + (withFilter ? " AND \"filter\" =~ /^$filter$/" : "");
  }

  /** The tag columns Grafana shows with each annotation. */
  public static final String GRAFANA_TAGS = "dataset,filter,direction";

  private static String color(String direction) {
    return switch (direction) {
      case "worse" -> "red";
      case "better" -> "green";
      default -> "orange";
    };
  }

  /** Tags as the encoder takes them: an unknown value is "none", never an empty tag. */
  private static Map<String, String> named(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((k, v) -> out.put(k, v.isEmpty() ? "none" : v.replace('\n', ' ')));
    return out;
  }
}
