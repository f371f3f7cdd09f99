package io.squashinflux.lineprotocol;

/**
 * What can be read of a line of line protocol that came as text, without parsing it (the server
 * says whether it is valid): how many field values it has and whether it has a time. Its parts
 * are separated by spaces outside strings and escapes: the measurement with its tags, the fields,
 * and the time when there is one.
 */
public final class LineText {
  private LineText() {}

  /** Field values in the line: the commas outside strings in its second part, plus one. */
  public static int fields(String line) {
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

  /** Whether the line ends in a time of its own (a third part). */
  public static boolean hasTime(String line) {
    String text = line.strip();
    int part = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == ' ') {
        part++;
        while (i + 1 < text.length() && text.charAt(i + 1) == ' ') {
          i++;
        }
      }
    }
    return part >= 2;
  }

  /** The line with this time (nanoseconds) added when it has none, so every send stores it there. */
  public static String withTime(String line, long timeNanos) {
    return hasTime(line) ? line : line.stripTrailing() + " " + timeNanos;
  }
}
