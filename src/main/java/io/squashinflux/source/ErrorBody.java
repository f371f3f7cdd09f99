package io.squashinflux.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The text of an error answer, kept short: SQuaSH says {@code {"message": "Job not found"}}. */
final class ErrorBody {
  private static final int LIMIT = 2048;
  private static final Map<Integer, String> PHRASES = Map.ofEntries(
      Map.entry(400, "bad request"), Map.entry(401, "unauthorized"), Map.entry(403, "forbidden"),
      Map.entry(404, "not found"), Map.entry(405, "method not allowed"), Map.entry(410, "gone"),
      Map.entry(429, "too many requests"), Map.entry(500, "internal server error"),
      Map.entry(502, "bad gateway"), Map.entry(503, "service unavailable"),
      Map.entry(504, "gateway timeout"));

  private ErrorBody() {}

  /** The server's message, or the start of the body on one line; empty when unreadable. */
  static String message(InputStream body) {
    String text;
    try {
      text = new String(body.readNBytes(LIMIT), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
    try {
      JsonNode message = Json.tree(text).get("message");
      if (message != null && message.isTextual()) {
        return message.asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // Not JSON (an HTML error page from a proxy): show its start instead.
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** A status's usual name, to print next to its number. */
  static String phrase(int status) {
    return PHRASES.getOrDefault(status, "HTTP error");
  }
}
