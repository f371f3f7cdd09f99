package io.squashinflux.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a database holds, read back through InfluxQL, to compare runs by their outcome. */
public final class Database {
  private final InfluxServer influx;
  private final String name;

  public Database(InfluxServer influx, String name) {
    this.influx = influx;
    this.name = name;
  }

  public List<String> measurements() {
    List<String> names = new ArrayList<>();
    for (List<JsonNode> row : influx.rows(name, "SHOW MEASUREMENTS")) {
      names.add(row.get(0).asText());
    }
    return names;
  }

  /** Every row of every measurement as {@code measurement time col=value ...}, sorted. */
  public List<String> dump() {
    List<String> rows = new ArrayList<>();
    for (String measurement : measurements()) {
      JsonNode series = select(measurement);
      List<String> columns = new ArrayList<>();
      series.path("columns").forEach(c -> columns.add(c.asText()));
      for (JsonNode values : series.path("values")) {
        StringBuilder row = new StringBuilder(measurement);
        for (int i = 0; i < columns.size(); i++) {
          row.append(' ').append(columns.get(i)).append('=').append(values.get(i));
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return rows;
  }

  /** Points stored: rows over all measurements. */
  public long points() {
    long points = 0;
    for (String measurement : measurements()) {
      points += select(measurement).path("values").size();
    }
    return points;
  }

  /** Field values stored: the non-null field cells over all measurements. */
  public long fieldValues() {
    long count = 0;
    for (String measurement : measurements()) {
      Set<String> fields = new HashSet<>();
      for (List<JsonNode> row : influx.rows(name, "SHOW FIELD KEYS FROM \"" + measurement + "\"")) {
        fields.add(row.get(0).asText());
      }
      JsonNode series = select(measurement);
      List<Integer> fieldColumns = new ArrayList<>();
      for (int i = 0; i < series.path("columns").size(); i++) {
        if (fields.contains(series.path("columns").get(i).asText())) {
          fieldColumns.add(i);
        }
      }
      for (JsonNode values : series.path("values")) {
        for (int i : fieldColumns) {
          count += values.get(i).isNull() ? 0 : 1;
        }
      }
    }
    return count;
  }

  /** The distinct point times (ns): one per job when every job has its own time. */
  public Set<Long> times() {
    Set<Long> times = new HashSet<>();
    for (String measurement : measurements()) {
      for (JsonNode values : select(measurement).path("values")) {
        times.add(values.get(0).asLong());
      }
    }
    return times;
  }

  private JsonNode select(String measurement) {
    return influx.query(name, "SELECT * FROM \"" + measurement + "\"")
        .path("results").path(0).path("series").path(0);
  }
}
