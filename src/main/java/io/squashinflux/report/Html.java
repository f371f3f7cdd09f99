package io.squashinflux.report;

import java.time.Instant;
import java.util.Locale;

/** Text for the page: escaping and the number and date formats a reader scans easily. */
final class Html {
  private Html() {}

  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Four significant digits, exponent only for very small or large values. */
  static String num(double value) {
    double a = Math.abs(value);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    String text = new java.math.BigDecimal(value).round(new java.math.MathContext(4))
        .stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** A signed number: +1.2 or -0.5. */
  static String signed(double value) {
    return (value > 0 ? "+" : value < 0 ? "−" : "") + num(Math.abs(value));
  }

  static String percent(double change) {
    return (change > 0 ? "+" : change < 0 ? "−" : "") + String.format(Locale.ROOT, "%.1f%%", Math.abs(change) * 100);
  }

  static String unit(String unit) {
    return unit == null || unit.isEmpty() ? "" : " " + esc(unit);
  }

  /** {@code 2023-07-02 14:05 UTC}. */
  static String date(long nanos) {
    String iso = Instant.ofEpochSecond(0, nanos).toString();
    return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
  }

  /**
   * JSON for a {@code <script>} data block: every {@code <} (it only occurs inside strings) is
   * written {@code \u003c}, so neither {@code </script>} nor {@code <!--} can end or change the
   * element, and the text is still JSON that {@code JSON.parse} reads back unchanged.
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c");
  }
}
