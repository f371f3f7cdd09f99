package io.squashinflux.influx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One series of an InfluxQL answer: the measurement's name, the GROUP BY tags, the column names
 * and the rows. Cells are {@link Long} (times, integers), {@link Double}, {@link String},
 * {@link Boolean} or null.
 */
public record Series(String name, Map<String, String> tags, List<String> columns,
    List<List<Object>> rows) {

  public Series {
    Objects.requireNonNull(name, "name == null");
    tags = Map.copyOf(tags);
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The index of this column, or -1. */
  public int column(String column) {
    return columns.indexOf(column);
  }

  /** The tag's value, or null when the series has no such tag or it is empty. */
  public String tag(String key) {
    String value = tags.get(key);
    return value == null || value.isEmpty() ? null : value;
  }

  /** True when {@code other} is the same series: a later chunk of this one. */
  boolean sameSeries(Series other) {
    return name.equals(other.name) && tags.equals(other.tags) && columns.equals(other.columns);
  }

  /** This series with {@code other}'s rows after its own. */
  Series plus(Series other) {
    List<List<Object>> all = new ArrayList<>(rows.size() + other.rows.size());
    all.addAll(rows);
    all.addAll(other.rows);
    return new Series(name, tags, columns, all);
  }
}
