package io.squashinflux.dashboards;

import io.squashinflux.influx.InfluxQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The catalog of an InfluxDB 1.x database, read with {@code SHOW} statements. */
final class InfluxCatalog implements Catalog {
  private final InfluxQuery query;
  private final String retentionPolicy;

  InfluxCatalog(InfluxQuery query, String retentionPolicy) {
    this.query = query;
    this.retentionPolicy = retentionPolicy;
  }

  @Override
  public List<String> measurements() {
    return query.firstColumn("SHOW MEASUREMENTS");
  }

  @Override
  public Map<String, String> fieldTypes(String measurement) {
    return query.fieldTypes("SHOW FIELD KEYS FROM " + from(measurement))
        .getOrDefault(measurement, Map.of());
  }

  @Override
  public List<String> tagKeys(String measurement) {
    return query.firstColumn("SHOW TAG KEYS FROM " + from(measurement));
  }

  @Override
  public List<String> tagValues(String measurement, String tagKey) {
    List<String> values = query.column("SHOW TAG VALUES FROM " + from(measurement)
        + " WITH KEY = " + InfluxQuery.identifier(tagKey), 1);
    values.sort(null);
    return values;
  }

  @Override
  public List<String> tagValues(String measurement, String tagKey, String whereTag,
      String whereValue) {
    List<String> values = query.column("SHOW TAG VALUES FROM " + from(measurement)
        + " WITH KEY = " + InfluxQuery.identifier(tagKey) + " WHERE "
        + InfluxQuery.identifier(whereTag) + " = " + InfluxQuery.literal(whereValue), 1);
    values.sort(null);
    return values;
  }

  @Override
  public Span span(String measurement) {
    Instant first = time(measurement, "ASC");
    Instant last = time(measurement, "DESC");
    return first == null || last == null ? null : new Span(first, last);
  }

  /** The time of the first point in this order (the answer's times are in nanoseconds). */
  private Instant time(String measurement, String order) {
    List<String> times = query.firstColumn("SELECT * FROM " + from(measurement)
        + " ORDER BY time " + order + " LIMIT 1");
    if (times.isEmpty()) {
      return null;
    }
    long ns = Long.parseLong(times.get(0));
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  private String from(String measurement) {
    return Queries.measurement(retentionPolicy, measurement);
  }
}
