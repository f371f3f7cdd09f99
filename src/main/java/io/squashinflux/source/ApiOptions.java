package io.squashinflux.source;

import io.squashinflux.net.HttpUrl;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import io.squashinflux.net.HttpSettings;

/**
 * How to reach the SQuaSH API.
 *
 * @param base the API's base URL, e.g. {@code https://squash-restful-api.lsst.codes}; user info in it
 *     is sent as HTTP basic authentication and never printed
 * @param parallelism requests in flight at once
 * @param connectTimeout the longest wait for a connection
 * @param readTimeout the longest wait for one answer, its body included
 * @param retrier the waits between attempts
 * @param http proxies, added CAs and the answer size cap (the timeouts above replace its own), or
 *     null for {@link HttpSettings#defaults()}
 */
public record ApiOptions(
    URI base,
    int parallelism,
    Duration connectTimeout,
    Duration readTimeout,
    Retrier retrier,
    HttpSettings http) {

  public ApiOptions {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(readTimeout, "readTimeout == null");
    Objects.requireNonNull(retrier, "retrier == null");
    if (!HttpUrl.valid(base)) {
      throw new IllegalArgumentException("not an http(s) URL: " + SquashClient.masked(base));
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1 but was " + parallelism);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()
        || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException(
          "timeouts must be positive but were " + connectTimeout + " and " + readTimeout);
    }
  }

  /** 8 requests in flight, 10 s to connect, 60 s per answer, the default backoff and HTTP settings. */
  public static ApiOptions defaults(URI base) {
    return new ApiOptions(base, 8, Duration.ofSeconds(10), Duration.ofSeconds(60),
        Retrier.system(Backoff.DEFAULT), null);
  }
}
