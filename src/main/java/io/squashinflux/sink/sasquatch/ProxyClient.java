package io.squashinflux.sink.sasquatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.retry.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The HTTP side of the Sasquatch sink, the one class that speaks to the REST proxy (over the
 * JDK's HttpClient): each exchange comes back as the policy's {@link Answer} plus the JSON body.
 * The token goes in the Authorization header only, never in a message.
 */
final class ProxyClient implements AutoCloseable {
  static final String AVRO = "application/vnd.kafka.avro.v2+json";
  static final String V2 = "application/vnd.kafka.v2+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SasquatchTarget target;
  private final HttpClient http;
  private final Duration timeout;

  ProxyClient(SasquatchTarget target, SSLContext ssl, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.http = builder.build();
  }

  /** An answer: the policy's view and the body as JSON (an empty object when not JSON). */
  record Exchange(Answer answer, JsonNode body) {}

  Exchange get(String path) throws InterruptedException {
    return send(request(path).header("Accept", "application/json").GET());
  }

  Exchange post(String path, String contentType, String accept, String body)
      throws InterruptedException {
    return send(request(path).header("Content-Type", contentType).header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target.url() + path)).timeout(timeout);
    if (target.token() != null) {
      request.header("Authorization", "Bearer " + target.token().reveal());
    }
    return request;
  }

  private Exchange send(HttpRequest.Builder request) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = parse(response.body());
      String message = body.path("message").asText(body.isEmpty() ? response.body() : "");
      return new Exchange(Answer.of(response.statusCode(), message), body);
    } catch (IOException e) {
      return new Exchange(Answer.failed(e), JSON.createObjectNode());
    }
  }

  private static JsonNode parse(String text) {
    try {
      JsonNode node = text == null || text.isBlank() ? null : JSON.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  Duration timeout() {
    return timeout;
  }

  /** Java 17's HttpClient has nothing to close: its connections end with it. */
  @Override
  public void close() {}
}
