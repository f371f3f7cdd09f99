package io.squashinflux.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one {@link Http} client talks to its server.
 *
 * @param proxies which requests go through which proxy ({@link Proxies#fromEnvironment()} by default)
 * @param caCerts PEM files whose CAs are trusted in addition to the JDK's
 * @param maxResponseBytes the most an answer's (decoded) body may weigh; more is a {@link TooLargeException}
 * @param connectTimeout the longest wait for a connection
 * @param timeout the longest one exchange may take, from the request to the body's last byte
 */
public record HttpSettings(Proxies proxies, List<Path> caCerts, long maxResponseBytes,
    Duration connectTimeout, Duration timeout) {
  /** Well above the biggest real job (about 3 MB), below what would threaten a default heap. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 256L * 1024 * 1024;

  public HttpSettings {
    Objects.requireNonNull(proxies, "proxies == null");
    caCerts = List.copyOf(caCerts);
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(timeout, "timeout == null");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("the response size cap must be positive but was "
          + maxResponseBytes);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative()
        || timeout.isZero()) {
      throw new IllegalArgumentException(
          "timeouts must be positive but were " + connectTimeout + " and " + timeout);
    }
  }

  /** The environment's proxies, the JDK's CAs, 256 MB, 10 s to connect, 60 s per exchange. */
  public static HttpSettings defaults() {
    return new HttpSettings(Proxies.fromEnvironment(), List.of(), DEFAULT_MAX_RESPONSE_BYTES,
        Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  public HttpSettings withProxies(Proxies proxies) {
    return new HttpSettings(proxies, caCerts, maxResponseBytes, connectTimeout, timeout);
  }

  /** These settings trusting {@code more} CAs too. */
  public HttpSettings withCaCerts(List<Path> more) {
    List<Path> all = new java.util.ArrayList<>(caCerts);
    all.addAll(more);
    return new HttpSettings(proxies, all, maxResponseBytes, connectTimeout, timeout);
  }

  public HttpSettings withMaxResponseBytes(long bytes) {
    return new HttpSettings(proxies, caCerts, bytes, connectTimeout, timeout);
  }

  public HttpSettings withTimeouts(Duration connect, Duration exchange) {
    return new HttpSettings(proxies, caCerts, maxResponseBytes, connect, exchange);
  }
}
