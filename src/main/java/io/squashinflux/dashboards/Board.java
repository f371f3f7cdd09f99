package io.squashinflux.dashboards;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One dashboard: the metrics of one verification package (one measurement), with the tags that
 * select a series and the values they take in the database.
 *
 * @param database where the points are
 * @param retentionPolicy the retention policy to read, or null for the database's default
 * @param datasetTag the tag holding the dataset
 * @param filterTag the tag holding the filter, or null when this measurement has none
 * @param datasets the dataset tag's values, sorted
 * @param filters the filter tag's values, sorted (empty without a filter tag)
 * @param firstFilters the filters of the first dataset (the one a Chronograf board opens on)
 * @param span the time of its first and last point, or null when not known
 */
record Board(String database, String retentionPolicy, String measurement, String model,
    String datasetTag, String filterTag, List<String> datasets, List<String> filters,
    List<Panel> panels, List<String> firstFilters, Span span) {

  Board(String database, String retentionPolicy, String measurement, String model,
      String datasetTag, String filterTag, List<String> datasets, List<String> filters,
      List<Panel> panels) {
    this(database, retentionPolicy, measurement, model, datasetTag, filterTag, datasets, filters,
        panels, filters, null);
  }

  Board {
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(measurement, "measurement == null");
    Objects.requireNonNull(datasetTag, "datasetTag == null");
    datasets = List.copyOf(datasets);
    filters = List.copyOf(filters);
    panels = List.copyOf(panels);
    firstFilters = List.copyOf(firstFilters);
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a board needs a panel: " + measurement);
    }
  }

  /** The title both programs show; an upload replaces the dashboard of the same title. */
  String title() {
    return "SQuaSH " + measurement + " (" + database + ")";
  }

  /** Grafana's uid: stable for a database and package, so a new upload overwrites the old one. */
  String uid() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((database + "\n" + measurement).getBytes(StandardCharsets.UTF_8));
      return "squash-influx-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The file name for this board, safe on any file system and one per measurement: a name that
   * had to be changed to be safe gets a short hash of the real one, so {@code ap verify} and
   * {@code ap/verify} never overwrite {@code ap_verify.json} or each other.
   */
  String fileName() {
    String safe = measurement.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (safe.equals(measurement)) {
      return safe + ".json";
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(measurement.getBytes(StandardCharsets.UTF_8));
      return safe + "-" + HexFormat.of().formatHex(hash, 0, 4) + ".json";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean hasFilter() {
    return filterTag != null;
  }
}
