package io.squashinflux.dashboards;

import java.util.List;

/** README.txt of the output folder: what is there and how each program takes it. */
final class Readme {
  private Readme() {}

  static String text(List<Board> boards, boolean chronograf, boolean grafana, List<String> left) {
    StringBuilder t = new StringBuilder()
        .append("Dashboards made by squash-influx from InfluxDB database \"")
        .append(boards.get(0).database()).append("\" (").append(boards.get(0).model())
        .append(" data model): one per verification package.\n\n");
    for (Board board : boards) {
      t.append("  ").append(board.fileName()).append("  ").append(board.panels().size())
          .append(" metrics, ").append(board.datasets().size()).append(" datasets")
          .append(board.hasFilter() ? ", " + board.filters().size() + " filters" : "")
          .append('\n');
    }
    if (chronograf) {
      t.append("\nChronograf 1.x (chronograf/*.json)\n")
          .append("  Dashboards > Import Dashboard, pick a file, then map it to your InfluxDB source.\n")
          .append("  Or: squash-influx dashboards --for chronograf --upload http://HOST:8888\n")
          .append("  Pick a dataset, then one of its filters, in the template variable bar (:dataset:, :filter:).\n")
          .append("  A Chronograf dashboard file holds no time range: to open one on its data, add\n")
          .append("  this to the dashboard's address (Chronograf reads lower/upper from it):\n");
      for (Board board : boards) {
        if (board.span() != null) {
          t.append("    ").append(board.fileName()).append("  ").append(board.span().chronografQuery())
              .append('\n');
        }
      }
    }
    if (grafana) {
      t.append("\nGrafana 10.3+ (grafana/*.json, schemaVersion ").append(GrafanaJson.SCHEMA_VERSION)
          .append(")\n")
          .append("  Without clicking: start Grafana with GF_PATHS_PROVISIONING=<this folder>/provisioning\n")
          .append("  (and INFLUX_PASSWORD in its environment when InfluxDB needs one): it adds the\n")
          .append("  InfluxDB data source and the dashboards, in folder SQuaSH.\n")
          .append("  By hand: Dashboards > New > Import, upload a file, pick an InfluxDB (InfluxQL) data source.\n")
          .append("  Or: GRAFANA_TOKEN=... squash-influx dashboards --for grafana --upload http://HOST:3000\n")
          .append("  Each opens on its data's time span (first to last point, with a margin).\n");
    }
    if (!left.isEmpty()) {
      t.append("\nLeft out, because the mapping does not explain them:\n");
      left.forEach(line -> t.append("  ").append(line).append('\n'));
    }
    t.append("\nSpec levels are coloured as in squash-influx's report, by the best level a value\n")
        .append("meets, whichever way its metric is better: ").append(ChronografJson.LEVEL_WORDS)
        .append(".\nGrafana tints each range between the levels; Chronograf colours a cell of the latest value.\n");
    return t.append("\nThese dashboards were checked against InfluxDB (every query, with its variables\n")
        .append("substituted as each program substitutes them, returns the same series and values as a\n")
        .append("direct query) and against the two programs' documented formats; not inside a running\n")
        .append("Chronograf or Grafana.\n").toString();
  }
}
