package io.squashinflux.source.kafka;

import io.squashinflux.sink.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record's value as lines of line protocol: one line per record as {@code --to kafka://}
 * and Telegraf write them, or several separated by newlines (a newline inside a string field
 * belongs to its line). Each line is labelled {@code TOPIC/PARTITION@OFFSET}, so a line InfluxDB
 * refuses is reported with the record it came from. Whether it is line protocol is InfluxDB's to
 * say: it refuses what it cannot parse, line by line.
 */
final class RecordLines {
  private RecordLines() {}

  /** The record's lines; empty for a record with no text. */
  static List<Line> of(String label, String value) {
    List<Line> lines = new ArrayList<>(1);
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
        add(lines, label, value.substring(start, i));
        start = i + 1;
      }
    }
    add(lines, label, value.substring(start));
    return lines;
  }

  private static void add(List<Line> lines, String label, String text) {
    String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    if (!line.isBlank()) {
      lines.add(new Line(label, line, fields(line)));
    }
  }

  /** Field values in a line: the commas outside strings in its second part, plus one. */
  static int fields(String line) {
    int part = 0;
    int fields = 1;
    boolean quoted = false;
    for (int i = 0; i < line.length() && part < 2; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ' ') {
        part++;
      } else if (!quoted && c == ',' && part == 1) {
        fields++;
      }
    }
    return fields;
  }
}
