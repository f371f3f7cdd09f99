package io.squashinflux.trends;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The report's one door to HTTP: a GET whose body is read as a stream. It is the only class of
 * {@code trends} that touches {@link HttpClient}, so moving to the team's {@code io.squashinflux.net}
 * wrapper is a change here only.
 */
final class Web {
  /** An answer: its status and its body, to be closed by the reader. */
  record Answer(int status, InputStream body) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      body.close();
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

  /** GETs {@code uri}; an unreachable server is an {@link IOException} with a one-line message. */
  Answer get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("Accept", "application/json");
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Answer(response.statusCode(), response.body());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new IOException("cannot connect to " + origin(uri) + ": " + describe(e), e);
    } catch (HttpTimeoutException e) {
      throw new IOException(origin(uri) + " did not answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new IOException(origin(uri) + ": " + describe(e), e);
    }
  }

  /** Scheme, host and port only: a URL's path or query may hold credentials. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
