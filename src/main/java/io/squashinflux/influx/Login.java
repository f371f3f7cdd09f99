package io.squashinflux.influx;

import io.squashinflux.failure.UserError;
import io.squashinflux.ledger.Urls;
import io.squashinflux.net.UserInfo;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where InfluxDB is and as whom, from {@code --influx-url}, {@code -u} and the password:
 * credentials in the URL are used when no option gives them, and never kept in the URL.
 */
public record Login(URI url, String user, Secret password) {

  /** Blank user names count as none; a URL that does not parse is a user error. */
  public static Login of(String url, String user, String password) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new UserError("--influx-url is not a URL: " + Urls.masked(e.getMessage()));
    }
    user = blankToNull(user);
    if (uri.getRawUserInfo() != null) {
      UserInfo userInfo = UserInfo.of(uri);
      if (user == null) {
        user = blankToNull(userInfo.user());
        password = userInfo.password() != null ? userInfo.password() : password;
      }
      try {
        uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(),
            uri.getQuery(), null);
      } catch (URISyntaxException e) {
        throw new UserError("--influx-url is not a URL: " + Urls.masked(uri.toString()));
      }
    }
    return new Login(uri, user, Secret.of(password));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  @Override
  public String toString() {
    return "Login[" + Urls.masked(url.toString()) + ", " + user + ", ***]";
  }
}
