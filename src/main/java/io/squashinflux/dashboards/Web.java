package io.squashinflux.dashboards;

import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboards' HTTP to SQuaSH, Chronograf and Grafana (InfluxDB is read through the report's
 * InfluxQuery) over the project's one client ({@link Http}: proxies, CAs, size cap, deadline),
 * with its failures as one-line {@link DashboardException}s.
 */
final class Web {

  /** A whole answer: dashboards and catalogs are small. */
  record Reply(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final Http http;

  Web(HttpSettings settings) {
    this.http = Http.create(settings);
  }

  /** Sends {@code body} as JSON (null for none); GET follows redirects, the others do not. */
  Reply send(String method, URI uri, Map<String, String> headers, String body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Accept", "application/json");
    if (body != null) {
      all.putIfAbsent("Content-Type", "application/json");
    }
    try {
      Response response = switch (method) {
        case "GET" -> http.get(uri, all);
        case "POST" -> http.post(uri, all, bytes(body));
        default -> http.send(method, uri, all, body == null ? null : bytes(body));
      };
      return new Reply(response.status(), response.text());
    } catch (IOException e) {
      throw new DashboardException(origin(uri) + " is unreachable (" + describe(e) + ")", false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DashboardException("interrupted while asking " + origin(uri), false);
    }
  }

  private static byte[] bytes(String body) {
    return (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
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
