package io.squashinflux.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A line of InfluxDB line protocol read back as influxd 1.x reads it, for comparing lines by what
 * they store rather than by spelling: tags and fields in any order, a float written {@code 1.5E18}
 * or {@code 1500000000000000000} is the same float, an integer needs its {@code i}.
 *
 * @param fields {@code Double}, {@code Long}, {@code Boolean} or {@code String} values
 */
public record ProtocolLine(String measurement, Map<String, String> tags,
    Map<String, Object> fields, long time) {

  /** Reads one line; a line InfluxDB could not parse is an {@link IllegalArgumentException}. */
  public static ProtocolLine parse(String line) {
    Cursor c = new Cursor(line);
    String measurement = c.name(" ,");
    Map<String, String> tags = new TreeMap<>();
    while (c.peek() == ',') {
      c.at++;
      String key = c.name("=");
      c.expect('=');
      String value = c.name(" ,");
      if (value.isEmpty() || tags.put(key, value) != null) {
        throw new IllegalArgumentException("bad tag " + key + ": " + line);
      }
    }
    c.expect(' ');
    Map<String, Object> fields = new LinkedHashMap<>();
    do {
      String key = c.name("=");
      c.expect('=');
      fields.put(key, c.value());
    } while (c.peek() == ',' && c.at++ >= 0);
    c.expect(' ');
    return new ProtocolLine(measurement, tags, new TreeMap<>(fields),
        Long.parseLong(line.substring(c.at).strip()));
  }

  private static final class Cursor {
    final String s;
    int at;

    Cursor(String s) {
      this.s = s;
    }

    char peek() {
      return at < s.length() ? s.charAt(at) : '\n';
    }

    void expect(char ch) {
      if (peek() != ch) {
        throw new IllegalArgumentException("expected '" + ch + "' at " + at + ": " + s);
      }
      at++;
    }

    /** A measurement, key or tag value up to an unescaped stop; {@code \} escapes , = and space. */
    String name(String stops) {
      StringBuilder out = new StringBuilder();
      while (at < s.length() && stops.indexOf(s.charAt(at)) < 0) {
        char ch = s.charAt(at++);
        if (ch == '\\' && at < s.length() && ", =".indexOf(s.charAt(at)) >= 0) {
          ch = s.charAt(at++);
        }
        out.append(ch);
      }
      return out.toString();
    }

    Object value() {
      if (peek() == '"') {
        StringBuilder out = new StringBuilder();
        at++;
        while (s.charAt(at) != '"') {
          char ch = s.charAt(at++);
          if (ch == '\\' && (s.charAt(at) == '"' || s.charAt(at) == '\\')) {
            ch = s.charAt(at++);
          }
          out.append(ch);
        }
        at++;
        return out.toString();
      }
      String text = name(", ");
      if (text.endsWith("i")) {
        return Long.parseLong(text.substring(0, text.length() - 1));
      }
      if (text.matches("t|T|true|True|TRUE|f|F|false|False|FALSE")) {
        return text.toLowerCase().startsWith("t");
      }
      return Double.parseDouble(text);
    }
  }
}
