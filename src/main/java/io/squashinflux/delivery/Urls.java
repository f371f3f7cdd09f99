package io.squashinflux.delivery;

import java.util.regex.Pattern;

/** URLs as they may be printed: credentials in them replaced by stars. */
public final class Urls {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)([^/@:]*)(:[^/@]*)?@");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("([?&]p=)[^&]*");

  private Urls() {}

  /** {@code https://user:secret@host/?p=x} becomes {@code https://user:***@host/?p=***}. */
  public static String masked(String url) {
    String noUserInfo = USER_INFO.matcher(url).replaceFirst("$1:***@");
    return PASSWORD_PARAM.matcher(noUserInfo).replaceAll("$1***");
  }
}
