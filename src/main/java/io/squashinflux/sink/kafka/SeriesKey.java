package io.squashinflux.sink.kafka;

/**
 * A line's series key: its measurement and tags, the text before the first unescaped space. Used
 * as the Kafka record key, so every point of one series goes to one partition, in order.
 */
final class SeriesKey {
  private SeriesKey() {}

  static String of(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ' ') {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
