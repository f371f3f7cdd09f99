package io.squashinflux.influx;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What InfluxDB 1.x says about the lines of a batch it refused in part, read so that the bad
 * lines are found in a few requests instead of bisecting down to single lines: an unparsable line
 * is named ({@code unable to parse 'LINE': REASON}, one per line of the message), and a partial
 * write says how many points it dropped ({@code dropped=N}); the other points of that request
 * were written.
 */
record RefusalMessage(List<Named> named, int dropped) {
  private static final String PARSE = "unable to parse '";
  private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

  /** A line the server named, with its reason. */
  record Named(String line, String reason) {}

  /** {@code dropped} is -1 when the message does not say. */
  static RefusalMessage of(String message) {
    List<Named> named = new ArrayList<>();
    String text = message == null ? "" : message;
    for (String part : text.split("\n")) {
      int start = part.indexOf(PARSE);
      int end = part.lastIndexOf("': ");
      if (start >= 0 && end > start + PARSE.length() - 1) {
        named.add(new Named(part.substring(start + PARSE.length(), end),
            part.substring(start)));
      }
    }
    Matcher dropped = DROPPED.matcher(text);
    return new RefusalMessage(named, dropped.find() ? Integer.parseInt(dropped.group(1)) : -1);
  }
}
