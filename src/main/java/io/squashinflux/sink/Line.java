package io.squashinflux.sink;

import java.util.Objects;

/**
 * One encoded line of line protocol, with the job it belongs to.
 *
 * @param job the job, as reports name it
 * @param text the line, without its final newline
 * @param fields how many field values the line carries
 */
public record Line(String job, String text, int fields) {
  public Line {
    Objects.requireNonNull(job, "job == null");
    Objects.requireNonNull(text, "text == null");
    if (text.indexOf('\n') >= 0 && !text.contains("\"")) {
      throw new IllegalArgumentException("a line must not hold a newline outside a string field");
    }
  }

  /** Bytes this line takes in a request body, with its newline. */
  public int size() {
    return text.length() + 1;
  }
}
