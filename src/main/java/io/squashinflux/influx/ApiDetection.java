package io.squashinflux.influx;

/**
 * {@code --influx-api auto}: the API to speak, read from the headers InfluxDB sends with {@code GET
 * /ping}: {@code X-Influxdb-Version} 1.x (or {@code X-Influxdb-Build: Enterprise} 1.x) is v1, 2.x
 * (written {@code v2.7.1} by 2.x itself) or {@code X-Influxdb-Build: Cloud} is v2, 3.x (or {@code
 * X-Influxdb-Build: Core}) is v3. A server that sends neither (VictoriaMetrics, QuestDB) gets v1,
 * the one API every server that takes line protocol serves.
 *
 * @param version the API chosen
 * @param because why, for the summary: {@code X-Influxdb-Version 2.7.1}
 */
record ApiDetection(ApiVersion version, String because) {

  static ApiDetection fromPing(String versionHeader, String buildHeader) {
    String version = versionHeader == null ? "" : versionHeader.strip();
    String build = buildHeader == null ? "" : buildHeader.strip();
    String bare = version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
    String seen = "X-Influxdb-Version " + (version.isEmpty() ? "absent" : version)
        + (build.isEmpty() ? "" : ", X-Influxdb-Build " + build);
    if (bare.startsWith("1.")) {
      return new ApiDetection(ApiVersion.V1, seen);
    }
    if (bare.startsWith("2.") || build.equalsIgnoreCase("cloud")) {
      return new ApiDetection(ApiVersion.V2, seen);
    }
    if (bare.startsWith("3.") || build.equalsIgnoreCase("core")) {
      return new ApiDetection(ApiVersion.V3, seen);
    }
    return new ApiDetection(ApiVersion.V1, seen + ": not InfluxDB 2 or 3, so the v1 /write"
        + " every line-protocol server takes");
  }
}
