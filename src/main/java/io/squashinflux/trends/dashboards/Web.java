package io.squashinflux.trends.dashboards;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The one place the dashboards talk HTTP (InfluxDB's /query, SQuaSH, Chronograf, Grafana), over
 * the JDK's client; the project's shared wrapper replaces this class when it lands.
 */
final class Web {

  /** A whole answer: dashboards and catalogs are small. */
  record Reply(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  Web(Duration timeout, SSLContext ssl) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client = builder.build();
    this.timeout = timeout;
  }

  /** Sends {@code body} (JSON, or a form when the headers say so; null for none). */
  Reply send(String method, URI uri, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    request.header("Accept", "application/json");
    try {
      HttpResponse<String> response = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new DashboardException(origin(uri) + " is unreachable (" + describe(e) + ")", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DashboardException("interrupted while asking " + origin(uri), false);
    }
  }

  /** Scheme, host and port: never a path, query or user info, which may hold secrets. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
