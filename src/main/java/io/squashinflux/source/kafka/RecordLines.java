package io.squashinflux.source.kafka;

import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record's value as lines of line protocol: one line per record as {@code --to kafka://}
 * and Telegraf write them, or several separated by newlines (a newline inside a string field
 * belongs to its line). Whether it is line protocol is InfluxDB's to say: it refuses what it
 * cannot parse, line by line.
 */
final class RecordLines {
  private RecordLines() {}

  /** The record's lines; empty for a record with no text. */
  static List<String> of(String value) {
    List<String> lines = new ArrayList<>(1);
    if (value == null) {
      return lines;
    }
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        add(lines, value.substring(start, i));
        start = i + 1;
      }
    }
    add(lines, value.substring(start));
    return lines;
  }

  private static void add(List<String> lines, String text) {
    String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    if (!line.isBlank()) {
      lines.add(line);
    }
  }
}
