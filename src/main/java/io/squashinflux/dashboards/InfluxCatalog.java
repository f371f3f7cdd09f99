package io.squashinflux.dashboards;

import io.squashinflux.influx.InfluxQuery;
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

  private String from(String measurement) {
    return Queries.measurement(retentionPolicy, measurement);
  }
}
