package io.squashinflux.net;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One HTTP proxy as {@code HTTP_PROXY} or {@code --proxy} give it: {@code [http://][user:password@]host[:port]},
 * port 1080 when none is given (as curl does). Its {@link #toString} never shows the password.
 */
record ProxyUrl(String host, int port, String user, String password) {
  /** Parses {@code text}; {@code from} names where it came from, for the error. */
  static ProxyUrl parse(String text, String from) {
    String trimmed = text.trim();
    String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(from + " is not a proxy URL: " + masked(trimmed));
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(from + ": " + scheme + " proxies are not supported, only"
          + " http://HOST:PORT ones (" + masked(trimmed) + ")");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(from + " has no host: " + masked(trimmed));
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      UserInfo info = UserInfo.of(uri);
      user = info.user();
      password = info.password();
    }
    return new ProxyUrl(uri.getHost(), uri.getPort() < 0 ? 1080 : uri.getPort(), user, password);
  }

  Proxy proxy() {
    return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, port));
  }

  /** The {@code Proxy-Authorization} value, or null without credentials. */
  String authorization() {
    return user == null ? null : Http.basic(user, password == null ? "" : password);
  }

  private static String masked(String text) {
    return io.squashinflux.ledger.Urls.masked(text.contains("://") ? text : "http://" + text);
  }

  @Override
  public String toString() {
    return "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
  }
}
