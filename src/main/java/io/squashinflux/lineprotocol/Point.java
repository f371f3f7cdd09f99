package io.squashinflux.lineprotocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One InfluxDB point before encoding. Names and tag values are raw text: the encoder escapes them
 * and reports any change it has to make.
 *
 * @param job the job the point belongs to, as reports name it
 * @param measurement the measurement name
 * @param tags tag key to value, kept sorted by key
 * @param fields field key to value, in insertion order
 * @param timeNanos the point's time in nanoseconds since the epoch; always explicit
 * @param line the point as a line of line protocol when it came as text (a Kafka record), sent as
 *     it is since only the server can say whether it is valid; null for a point made here
 */
public record Point(
    String job,
    String measurement,
    Map<String, String> tags,
    Map<String, FieldValue> fields,
    long timeNanos,
    String line) {
  public Point {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(measurement, "measurement == null");
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public Point(String job, String measurement, Map<String, String> tags,
      Map<String, FieldValue> fields, long timeNanos) {
    this(job, measurement, tags, fields, timeNanos, null);
  }

  /** A point that came as a line of line protocol; it has no parts of its own. */
  public static Point ofLine(String job, String line) {
    return new Point(job, "", Map.of(), Map.of(), 0, Objects.requireNonNull(line, "line == null"));
  }
}
