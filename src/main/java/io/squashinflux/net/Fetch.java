package io.squashinflux.net;




import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * The report's one door to HTTP: a GET whose body is read as a stream, through the team's
 * {@link Http} wrapper (proxies, CAs, size cap), with one-line messages for unreachable servers.
 */
public final class Fetch {
  private final Http http;

  public Fetch(HttpSettings settings) {
    this.http = Http.create(settings);
  }

  /** GETs {@code uri}; an unreachable server is an {@link IOException} with a one-line message. */
  public Streamed get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    try {
      Map<String, String> all = new java.util.LinkedHashMap<>(headers);
      all.putIfAbsent("Accept", "application/json");
      return http.open(uri, all);
    } catch (ConnectException e) {
      // The JDK's ConnectException has no message: say what it means, not its class name.
      String message = e.getMessage();
      throw new IOException("cannot connect to " + origin(uri) + ": " + (message == null
          || message.isBlank() || message.equals("ConnectException") ? "connection refused"
              : message), e);
    } catch (HttpTimeoutException e) {
      throw new IOException(describe(e), e);
    } catch (IOException e) {
      throw new IOException(origin(uri) + ": " + describe(e), e);
    }
  }

  /** Scheme, host and port only: a URL's path or query may hold credentials. */
  public static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
