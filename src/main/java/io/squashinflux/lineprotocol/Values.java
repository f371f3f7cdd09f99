package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.FieldValue.BoolValue;
import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.FieldValue.IntValue;
import io.squashinflux.lineprotocol.FieldValue.StringValue;

/** Writes field values in the forms InfluxDB 1.6 reads back exactly. */
final class Values {
  private Values() {}

  /** Why this value cannot be stored, or null when it can. */
  static String unstorable(FieldValue value) {
    if (value == null) {
      return Reasons.NULL_FIELD_VALUE;
    }
    if (value instanceof FloatValue f) {
      if (Double.isNaN(f.value())) {
        return Reasons.NOT_A_NUMBER;
      }
      if (Double.isInfinite(f.value())) {
        return Reasons.INFINITE;
      }
    }
    return null;
  }

  /** The string value with unpaired surrogates replaced, or the same value when it has none. */
  static FieldValue clean(FieldValue value) {
    if (value instanceof StringValue s && hasUnpairedSurrogate(s.value())) {
      StringBuilder text = new StringBuilder(s.value().length());
      String raw = s.value();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < raw.length()
            && Character.isLowSurrogate(raw.charAt(i + 1))) {
          text.append(c).append(raw.charAt(++i));
        } else {
          text.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        }
      }
      return new StringValue(text.toString());
    }
    return value;
  }

  static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == s.length()
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  /**
   * Appends a storable value: floats as {@link Floats#shortest} (which influxd parses back to the
   * same double, -0.0 included), integers with {@code i}, strings quoted with {@code "} and {@code \}
   * escaped.
   */
  static void append(FieldValue value, StringBuilder out) {
    if (value instanceof FloatValue f) {
      out.append(Floats.shortest(f.value()));
    } else if (value instanceof IntValue i) {
      out.append(i.value()).append('i');
    } else if (value instanceof BoolValue b) {
      out.append(b.value() ? "true" : "false");
    } else {
      appendQuoted(((StringValue) value).value(), out);
    }
  }

  private static void appendQuoted(String s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append(s, start, i).append('\\').append(c);
        start = i + 1;
      }
    }
    out.append(s, start, n).append('"');
  }

  /** An upper bound of the characters {@link #append} writes, for pre-sizing. */
  static int sizeHint(FieldValue value) {
    return value instanceof StringValue s ? s.value().length() + 8 : 24;
  }
}
