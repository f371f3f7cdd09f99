package io.squashinflux.net;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A whole answer: its status, its headers and its body, already decoded (gzip) and within the
 * client's size cap.
 */
public record Response(int status, HttpHeaders headers, byte[] body) {
  /** A header's first value, if present; names are case-insensitive. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
