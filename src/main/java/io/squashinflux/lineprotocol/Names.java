package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.Notes;

/**
 * Cleans and escapes measurements, tag keys, tag values and field keys so that InfluxDB 1.6 stores
 * them exactly as sent, reporting every change that escaping alone cannot avoid.
 *
 * <p>Each rule was checked against influxd 1.6.7: CR and LF break the line, TAB and NUL are read as
 * separators in places, nothing may end in a backslash and a line starting with {@code #} is a
 * comment. A backslash may not stand before a character that gets escaped: influxd splits a batch
 * into lines reading backslashes pairwise, so {@code a\\,} ends a tag there and garbles the
 * following lines (seen); in measurements and field keys it also eats a backslash before {@code "}.
 */
final class Names {
  private Names() {}

  private static final int CONTROL = 1;
  private static final int SURROGATE = 2;
  private static final int TRAILING_BACKSLASH = 4;
  private static final int BACKSLASH = 8;
  private static final int HASH = 16;
  private static final int TIME = 32;

  /** Where a text goes in a line; each place has its own escaping and its own pitfalls. */
  enum Kind {
    MEASUREMENT(false, true),
    TAG_KEY(true, false),
    TAG_VALUE(true, false),
    FIELD_KEY(true, true);

    final boolean escapesEquals;
    final boolean eatsBackslashBeforeQuote;

    Kind(boolean escapesEquals, boolean eatsBackslashBeforeQuote) {
      this.escapesEquals = escapesEquals;
      this.eatsBackslashBeforeQuote = eatsBackslashBeforeQuote;
    }

    boolean isKey() {
      return this == TAG_KEY || this == FIELD_KEY;
    }
  }

  /**
   * The text made writable, or "" when nothing is left (the caller reports the drop); changes are
   * noted under {@code key} only when something is left.
   */
  static String clean(String raw, Kind kind, String job, String key, Notes notes) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    if (isClean(raw, kind)) {
      return raw;
    }
    StringBuilder text = new StringBuilder(raw.length() + 1);
    int changes = copyReplacing(raw, text);
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\\') {
      end--;
    }
    if (end < text.length()) {
      text.setLength(end);
      changes |= TRAILING_BACKSLASH;
    }
    if (end == 0) {
      return "";
    }
    changes |= replaceBackslashes(text, kind);
    if (kind == Kind.MEASUREMENT && text.charAt(0) == '#') {
      text.insert(0, '_');
      changes |= HASH;
    }
    if (kind.isKey() && "time".contentEquals(text)) {
      text.append('_');
      changes |= TIME;
    }
    note(changes, job, key, notes);
    return text.toString();
  }

  /** True when the text needs no change at all: the fast path of the hot loop. */
  private static boolean isClean(String raw, Kind kind) {
    int n = raw.length();
    if (raw.charAt(n - 1) == '\\'
        || (kind == Kind.MEASUREMENT && raw.charAt(0) == '#')
        || (kind.isKey() && raw.equals("time"))) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (c < ' ' && isControl(c)) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == n
            || !Character.isLowSurrogate(raw.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (c == '\\' && eatsBackslash(raw.charAt(i + 1), kind)) {
        return false;
      }
    }
    return true;
  }

  private static int copyReplacing(String raw, StringBuilder text) {
    int changes = 0;
    int n = raw.length();
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (isControl(c)) {
        text.append(' ');
        changes |= CONTROL;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(raw.charAt(i + 1))) {
        text.append(c).append(raw.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        text.append('\uFFFD');
        changes |= SURROGATE;
      } else {
        text.append(c);
      }
    }
    return changes;
  }

  private static int replaceBackslashes(StringBuilder text, Kind kind) {
    int changes = 0;
    for (int i = 0; i + 1 < text.length(); i++) {
      if (text.charAt(i) == '\\' && eatsBackslash(text.charAt(i + 1), kind)) {
        text.setCharAt(i, '/');
        changes = BACKSLASH;
      }
    }
    return changes;
  }

  private static boolean isControl(char c) {
    return c == '\r' || c == '\n' || c == '\t' || c == '\0';
  }

  /** The characters after which influxd misreads or drops a backslash of this kind of text. */
  private static boolean eatsBackslash(char c, Kind kind) {
    return c == ' '
        || c == ','
        || c == '='
        || (c == '"' && kind.eatsBackslashBeforeQuote)
        || isControl(c);
  }

  private static void note(int changes, String job, String key, Notes notes) {
    if ((changes & CONTROL) != 0) {
      notes.changed(job, key, Reasons.CONTROL_REPLACED);
    }
    if ((changes & SURROGATE) != 0) {
      notes.changed(job, key, Reasons.SURROGATE_REPLACED);
    }
    if ((changes & TRAILING_BACKSLASH) != 0) {
      notes.changed(job, key, Reasons.TRAILING_BACKSLASH_TRIMMED);
    }
    if ((changes & BACKSLASH) != 0) {
      notes.changed(job, key, Reasons.BACKSLASH_REPLACED);
    }
    if ((changes & HASH) != 0) {
      notes.changed(job, key, Reasons.HASH_PREFIXED);
    }
    if ((changes & TIME) != 0) {
      notes.changed(job, key, Reasons.TIME_RENAMED);
    }
  }

  /** The clean text with {@code ,} and space (and {@code =} outside measurements) escaped. */
  static String escape(String clean, Kind kind) {
    int n = clean.length();
    int first = 0;
    while (first < n && !special(clean.charAt(first), kind)) {
      first++;
    }
    if (first == n) {
      return clean;
    }
    StringBuilder escaped = new StringBuilder(n + 8).append(clean, 0, first);
    for (int i = first; i < n; i++) {
      char c = clean.charAt(i);
      if (special(c, kind)) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private static boolean special(char c, Kind kind) {
    return c == ' ' || c == ',' || (c == '=' && kind.escapesEquals);
  }

  /** UTF-8 length of a text without unpaired surrogates. */
  static int utf8Length(String s) {
    int bytes = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        // Two bytes up to U+07FF, three for the rest of the BMP, four per surrogate pair (2 + 2).
        bytes += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }

  /** Compares as the UTF-8 bytes would, which is code point order, not {@code String} order. */
  static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  // Surrogates (pairs only, after cleaning) encode code points above every BMP char.
  private static int codePointRank(char c) {
    return c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
