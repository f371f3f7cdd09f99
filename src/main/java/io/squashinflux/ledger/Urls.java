package io.squashinflux.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URLs as they may be printed: credentials in them replaced by stars, for InfluxDB and SQuaSH alike. */
public final class Urls {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)([^/@:]*)(:[^/@]*)?@");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("([?&]p=)[^&]*");

  private Urls() {}

  /**
   * {@code https://user:secret@host/?p=x} becomes {@code https://user:***@host/?p=***}; user info
   * without a colon may be a token, so {@code https://token@host} becomes {@code https://***@host}.
   */
  public static String masked(String url) {
    Matcher userInfo = USER_INFO.matcher(url);
    String noUserInfo = userInfo.find()
        ? userInfo.replaceFirst(userInfo.group(2) == null ? "***@" : "$1:***@")
        : url;
    return PASSWORD_PARAM.matcher(noUserInfo).replaceAll("$1***");
  }
}
