package io.squashinflux.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/**
 * The wire under {@link Http}: sends one request and gives back the answer's head with its body
 * as the server sent it (not decoded). {@link Http} decides the rest (redirects, which headers go
 * where, gzip, the cap, the deadline on the body, the words of errors), so that one contract
 * holds whichever library carries the bytes.
 *
 * <p>Failures come as the types {@code retry.Policy} reads: {@link java.net.ConnectException},
 * {@link java.net.http.HttpConnectTimeoutException}, {@link java.net.http.HttpTimeoutException}
 * (no head within the request's timeout), {@link java.net.UnknownHostException}, {@link
 * javax.net.ssl.SSLHandshakeException}.
 */
interface Transport {
  /** Sends it; the answer's body must be closed or the exchange aborted. */
  Exchange send(Request request) throws IOException, InterruptedException;

  /**
   * One request.
   *
   * @param body null for none
   * @param timeout the longest wait for the answer's head
   */
  record Request(String method, URI uri, Map<String, String> headers, byte[] body,
      Duration timeout) {}

  /** An answer whose body is being read. */
  interface Exchange {
    int status();

    HttpHeaders headers();

    /** The raw body; closing it after its end keeps the connection for the next request. */
    InputStream body();

    /** Ends the exchange at once, from any thread: a blocked read fails, the connection is dropped. */
    void abort();
  }
}
