package io.squashinflux.influx;

/** The InfluxDB write APIs squash-influx speaks. */
public enum ApiVersion {
  /** InfluxDB 1.x {@code /write?db=}: also VictoriaMetrics, QuestDB, 2.x's and 3.x's v1 endpoints. */
  V1,
  /** InfluxDB 2.x and Cloud {@code /api/v2/write?org=&bucket=}: also VictoriaMetrics, QuestDB. */
  V2,
  /** InfluxDB 3 Core/Enterprise {@code /api/v3/write_lp?db=}. */
  V3;

  /** {@code v1}, {@code v2} or {@code v3}, as the option and the summary name it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
