package io.squashinflux.lineprotocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one encoded line back the way influxd 1.6 does for the lines the encoder writes: a
 * backslash escapes the character after it only where that character is special.
 */
public record LineReader(
    String measurement, Map<String, String> tags, Map<String, String> fields, long time) {

  /** Field values come back as written, strings unquoted and unescaped. */
  public static LineReader read(String line) {
    int[] at = {0};
    String measurement = unescape(scan(line, at, " ,"), ", ");
    Map<String, String> tags = new LinkedHashMap<>();
    while (line.charAt(at[0]) == ',') {
      at[0]++;
      String key = unescape(scan(line, at, "="), ", =");
      at[0]++;
      tags.put(key, unescape(scan(line, at, " ,"), ", ="));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    do {
      at[0]++;
      String key = unescape(scan(line, at, "="), ", =");
      at[0]++;
      fields.put(key, value(line, at));
    } while (line.charAt(at[0]) == ',');
    if (!line.endsWith("\n")) {
      throw new IllegalArgumentException("no newline: " + line);
    }
    return new LineReader(
        measurement, tags, fields, Long.parseLong(line.substring(at[0] + 1, line.length() - 1)));
  }

  private static String scan(String line, int[] at, String stops) {
    int start = at[0];
    while (stops.indexOf(line.charAt(at[0])) < 0 || line.charAt(at[0] - 1) == '\\') {
      at[0]++;
    }
    return line.substring(start, at[0]);
  }

  private static String value(String line, int[] at) {
    if (line.charAt(at[0]) != '"') {
      return scan(line, at, " ,");
    }
    StringBuilder text = new StringBuilder();
    for (at[0]++; line.charAt(at[0]) != '"'; at[0]++) {
      char c = line.charAt(at[0]);
      text.append(c == '\\' ? line.charAt(++at[0]) : c);
    }
    at[0]++;
    return text.toString();
  }

  private static String unescape(String text, String escaped) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && escaped.indexOf(text.charAt(i + 1)) >= 0) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
