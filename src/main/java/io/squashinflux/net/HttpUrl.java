package io.squashinflux.net;

import java.net.URI;

/** The one check of a server's URL, whichever server (SQuaSH, InfluxDB, a webhook) it names. */
public final class HttpUrl {
  private HttpUrl() {}

  /** Whether {@code uri} is http or https (in any case: schemes are), with a host and a valid port. */
  public static boolean valid(URI uri) {
    String scheme = uri.getScheme();
    return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        && uri.getHost() != null && uri.getPort() <= 65_535;
  }
}
