package io.squashinflux.net;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * An answer whose body is read as it arrives: decoded (gzip), counted against the size cap and
 * bounded by the exchange's deadline. Close it to end the exchange.
 */
public record Streamed(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {
  /** A header's first value, if present; names are case-insensitive. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (java.io.IOException e) {
      // Closing only releases the connection; nothing to report.
    }
  }
}
