package io.squashinflux.net;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy each request goes through, decided as curl decides it: {@code http_proxy} for http
 * URLs, {@code https_proxy} for https ones, {@code all_proxy} for both, each also read in upper
 * case (the lower-case form wins when both are set), and {@code no_proxy} / {@code NO_PROXY}
 * naming the hosts reached directly ({@link NoProxy}). An explicit proxy ({@code --proxy})
 * replaces the variables for both schemes; {@code no_proxy} still applies, as in curl.
 *
 * <p>The JDK's default selector never proxies loopback addresses; this one does whatever the
 * variables say, so that a test proxy on 127.0.0.1 carries the traffic as a remote one would.
 */
public final class Proxies {
  /** No proxy for anything. */
  public static final Proxies NONE = new Proxies(null, null, NoProxy.parse(""));

  private final ProxyUrl http;
  private final ProxyUrl https;
  private final NoProxy noProxy;

  private Proxies(ProxyUrl http, ProxyUrl https, NoProxy noProxy) {
    this.http = http;
    this.https = https;
    this.noProxy = noProxy;
  }

  /**
   * The proxies that {@code env} (the process environment, or a test's) and {@code explicit}
   * (the {@code --proxy} URL, or null; empty: no proxy at all) say.
   *
   * @throws IllegalArgumentException a proxy URL that cannot be used, named by where it came from
   */
  public static Proxies of(Map<String, String> env, String explicit) {
    NoProxy noProxy = NoProxy.parse(variable(env, "no_proxy").map(Map.Entry::getValue).orElse(""));
    if (explicit != null) {
      ProxyUrl proxy = explicit.isBlank() ? null : ProxyUrl.parse(explicit, "--proxy");
      return new Proxies(proxy, proxy, noProxy);
    }
    Optional<ProxyUrl> all = proxy(env, "all_proxy");
    return new Proxies(proxy(env, "http_proxy").or(() -> all).orElse(null),
        proxy(env, "https_proxy").or(() -> all).orElse(null), noProxy);
  }

  /** From this process's environment, without {@code --proxy}. */
  public static Proxies fromEnvironment() {
    return of(System.getenv(), null);
  }

  private static Optional<ProxyUrl> proxy(Map<String, String> env, String name) {
    return variable(env, name).map(e -> ProxyUrl.parse(e.getValue(), e.getKey()));
  }

  /** The lower-case variable if set and not empty, else the upper-case one. */
  private static Optional<Map.Entry<String, String>> variable(Map<String, String> env, String name) {
    for (String key : List.of(name, name.toUpperCase(Locale.ROOT))) {
      String value = env.get(key);
      if (value != null && !value.isBlank()) {
        return Optional.of(Map.entry(key, value));
      }
    }
    return Optional.empty();
  }

  /** The proxy a request to {@code uri} goes through, or empty to go direct. */
  Optional<ProxyUrl> forUri(URI uri) {
    ProxyUrl proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
    if (proxy == null || uri.getHost() == null || noProxy.matches(uri.getHost(), port(uri))) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** Whether any request may go through a proxy. */
  public boolean any() {
    return http != null || https != null;
  }

  /** The proxies named, each once: whose credentials answer a proxy's challenge. */
  List<ProxyUrl> urls() {
    return java.util.stream.Stream.of(http, https).filter(java.util.Objects::nonNull).distinct()
        .toList();
  }

  /** The selector the HTTP client asks, deciding as {@link #forUri} does. */
  ProxySelector selector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(forUri(uri).map(ProxyUrl::proxy).orElse(Proxy.NO_PROXY));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // The request's own error says it; there is no other proxy to try.
      }
    };
  }

  /** For messages: the proxies without their passwords. */
  @Override
  public String toString() {
    return "http: " + (http == null ? "direct" : http) + ", https: "
        + (https == null ? "direct" : https) + ", no_proxy: " + noProxy;
  }
}
