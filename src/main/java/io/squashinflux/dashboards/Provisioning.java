package io.squashinflux.dashboards;

import java.net.URI;
import java.nio.file.Path;

/**
 * Grafana's provisioning files: a data source for the InfluxDB the dashboards were made from, and
 * a file provider for the folder of dashboards. A Grafana started with
 * {@code GF_PATHS_PROVISIONING=DIR/provisioning} shows them with no clicking. The password is
 * never written: Grafana reads it from its own environment ({@code $__env{INFLUX_PASSWORD}}).
 */
final class Provisioning {
  static final String DATASOURCE_NAME = "squash-influx InfluxDB";
  static final String DATASOURCE_UID = "squash-influx-influxdb";

  private Provisioning() {}

  static String datasources(URI influxUrl, String database, String user) {
    StringBuilder yaml = new StringBuilder()
        .append("# Written by squash-influx dashboards: the InfluxDB the dashboards read.\n")
        .append("apiVersion: 1\n")
        .append("datasources:\n")
        .append("  - name: ").append(quoted(DATASOURCE_NAME)).append('\n')
        .append("    uid: ").append(DATASOURCE_UID).append('\n')
        .append("    type: influxdb\n")
        .append("    access: proxy\n")
        .append("    url: ").append(quoted(influxUrl.toString())).append('\n')
        .append("    jsonData:\n")
        .append("      dbName: ").append(quoted(database)).append('\n')
        .append("      httpMode: POST\n");
    if (user != null) {
      yaml.append("    user: ").append(quoted(user)).append('\n')
          .append("    secureJsonData:\n")
          .append("      password: $__env{INFLUX_PASSWORD}\n");
    }
    return yaml.toString();
  }

  static String dashboards(Path grafanaFolder) {
    return "# Written by squash-influx dashboards: the folder of dashboard files Grafana loads.\n"
        + "apiVersion: 1\n"
        + "providers:\n"
        + "  - name: squash-influx\n"
        + "    type: file\n"
        + "    folder: SQuaSH\n"
        + "    disableDeletion: false\n"
        + "    allowUiUpdates: true\n"
        + "    updateIntervalSeconds: 60\n"
        + "    options:\n"
        + "      path: " + quoted(grafanaFolder.toAbsolutePath().normalize().toString()) + "\n"
        + "      foldersFromFilesStructure: false\n";
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
