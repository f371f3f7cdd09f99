package io.squashinflux.ledger;

/**
 * Untrusted text (job keys, meta keys, server messages) made safe for a terminal: every control
 * character, C0, DEL and C1 alike, is shown as an escape ({@code \n}, {@code \t}, {@code \x1b},
 * {@code \u009b}), so an {@code ESC ] 0 ;} in a job's meta cannot set the window title and a newline
 * cannot split a summary line. A backslash is kept as it is: the text stays readable.
 */
public final class Visible {
  private Visible() {}

  /** The text with its control characters made visible; null stays null. */
  public static String of(String text) {
    if (text == null || text.chars().noneMatch(Visible::control)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!control(c)) {
        out.append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x100) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** C0, DEL, C1, and the line and paragraph separators, which terminals may also honour. */
  private static boolean control(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }
}
