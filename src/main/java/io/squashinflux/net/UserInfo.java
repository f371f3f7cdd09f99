package io.squashinflux.net;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The user and password in a URL's user info, percent-decoded as RFC 3986 says: {@code +} stays
 * a plus ({@link java.net.URLDecoder} is form decoding and would make it a space).
 */
public record UserInfo(String user, String password) {
  /** The URL's user info; the password is null when there is no colon. */
  public static UserInfo of(URI uri) {
    String raw = uri.getRawUserInfo();
    if (raw == null) {
      return new UserInfo(null, null);
    }
    int colon = raw.indexOf(':');
    return colon < 0 ? new UserInfo(decode(raw), null)
        : new UserInfo(decode(raw.substring(0, colon)), decode(raw.substring(colon + 1)));
  }

  /** Decodes {@code %XX} escapes (UTF-8); everything else is kept as it is. */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream escaped = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      int hi = text.charAt(i) == '%' && i + 2 < text.length()
          ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (lo >= 0) {
        escaped.write(hi * 16 + lo);
        i += 2;
        continue;
      }
      out.append(escaped.toString(StandardCharsets.UTF_8)).append(text.charAt(i));
      escaped.reset();
    }
    return out.append(escaped.toString(StandardCharsets.UTF_8)).toString();
  }

  @Override
  public String toString() {
    return "UserInfo[" + user + ", ***]";
  }
}
