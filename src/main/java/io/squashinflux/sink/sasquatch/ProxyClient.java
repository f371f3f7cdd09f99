package io.squashinflux.sink.sasquatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.retry.Answer;
import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP side of the Sasquatch sink, the one class that speaks to the REST proxy (through the
 * project's {@link Http}): each exchange comes back as the policy's {@link Answer} plus the JSON
 * body. The token goes in the Authorization header only, never in a message.
 */
final class ProxyClient implements AutoCloseable {
  static final String AVRO = "application/vnd.kafka.avro.v2+json";
  static final String V2 = "application/vnd.kafka.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SasquatchTarget target;
  private final Http http;

  ProxyClient(SasquatchTarget target, HttpSettings settings) {
    this.target = target;
    this.http = Http.create(settings);
  }

  /** An answer: the policy's view and the body as JSON (an empty object when not JSON). */
  record Exchange(Answer answer, JsonNode body) {}

  Exchange get(String path) throws InterruptedException {
    Map<String, String> headers = headers();
    headers.put("Accept", "application/json");
    try {
      return exchange(http.get(uri(path), headers));
    } catch (IOException e) {
      return new Exchange(Answer.failed(e), JSON.createObjectNode());
    }
  }

  Exchange post(String path, String contentType, String accept, String body)
      throws InterruptedException {
    Map<String, String> headers = headers();
    headers.put("Content-Type", contentType);
    headers.put("Accept", accept);
    try {
      return exchange(http.post(uri(path), headers, body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return new Exchange(Answer.failed(e), JSON.createObjectNode());
    }
  }

  private URI uri(String path) {
    return URI.create(target.url() + path);
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (target.token() != null) {
      headers.put("Authorization", "Bearer " + target.token().reveal());
    }
    return headers;
  }

  private static Exchange exchange(Response response) {
    String text = response.text();
    JsonNode body = parse(text);
    String message = body.path("message").asText(body.isEmpty() ? text : "");
    return new Exchange(Answer.of(response.status(), message), body);
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = text == null || text.isBlank() ? null : JSON.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  /** Java 17's HttpClient has nothing to close: its connections end with it. */
  @Override
  public void close() {}
}
