package io.squashinflux.sink;

import io.squashinflux.lineprotocol.Point;
import java.util.Objects;

/**
 * One encoded line of line protocol, with the job it belongs to.
 *
 * @param job the job, as reports name it
 * @param text the line, without its final newline
 * @param fields how many field values the line carries
 * @param point the point the line was encoded from, for sinks that are not line protocol
 *     (Sasquatch's Avro records), or null when the line came as text (a Kafka record)
 */
public record Line(String job, String text, int fields, Point point) {
  public Line {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(text, "text == null");
    if (text.indexOf('\n') >= 0 && !text.contains("\"")) {
      throw new IllegalArgumentException("a line must not hold a newline outside a string field");
    }
  }

  /** A line that came as text, with no point behind it. */
  public Line(String job, String text, int fields) {
    this(job, text, fields, null);
  }

  /** Bytes this line takes in a request body, with its newline. */
  public int size() {
    return text.length() + 1;
  }
}
