package io.squashinflux.influx;

import io.squashinflux.retry.Decision;
import java.util.Map;

/**
 * One answer from InfluxDB after the policy's retries, as the API classes read it.
 *
 * @param decision the policy's verdict (never RETRY or FATAL: those end in the writer)
 * @param status the HTTP status
 * @param message the server's error text, read from whichever error body the API uses
 * @param body the whole body
 * @param headers the headers, names in lower case
 */
record Reply(Decision decision, int status, String message, String body,
    Map<String, String> headers) {
  Reply {
    headers = Map.copyOf(headers);
  }

  /** A header's value, or null; {@code name} in lower case. */
  String header(String name) {
    return headers.get(name);
  }
}
