package io.squashinflux.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The project's one HTTP client (HTTP/1.1, kept-alive connections shared by all threads), with
 * what a sync needs around the wire ({@link Transport}):
 *
 * <ul>
 *   <li>a deadline on the whole exchange, the body included ({@link HttpSettings#timeout});
 *   <li>answers gunzipped ({@code Accept-Encoding: gzip} is sent with every GET) and capped
 *       ({@link HttpSettings#maxResponseBytes}, a {@link TooLargeException} past it);
 *   <li>proxies from the environment or {@code --proxy} ({@link Proxies}), with the proxy's own
 *       credentials as {@code Proxy-Authorization};
 *   <li>redirects of GETs followed here, at most five: {@code Authorization} goes only to the
 *       origin it was given for, and a redirect from https to http is not followed (the 3xx is the
 *       answer);
 *   <li>failures as one line each: {@link ConnectException} (refused), {@link HttpTimeoutException},
 *       {@link UnknownHostException}, {@link javax.net.ssl.SSLHandshakeException}, {@link TooLargeException}.
 * </ul>
 *
 * A GET on a kept-alive connection that the server had closed is sent again by the transport; a
 * POST never is (the caller's retry policy decides). Thread-safe; one per server.
 */
public final class Http {
  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final HttpSettings settings;
  private final Transport transport;

  Http(HttpSettings settings, Transport transport) {
    this.settings = settings;
    this.transport = transport;
  }

  /**
   * A client with these settings.
   *
   * @throws IllegalArgumentException a CA file that cannot be read or holds no certificate
   */
  public static Http create(HttpSettings settings) {
    return new Http(settings, new ApacheTransport(settings));
  }

  public HttpSettings settings() {
    return settings;
  }

  /** GETs {@code uri} with these headers and reads the whole answer. */
  public Response get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    try (Streamed answer = open(uri, headers)) {
      return new Response(answer.status(), answer.headers(), answer.body().readAllBytes());
    }
  }

  /**
   * GETs {@code uri} with these headers, following redirects; the body is read as it arrives
   * and the answer must be closed. {@code Authorization} among the headers is sent to {@code
   * uri}'s origin only.
   */
  public Streamed open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
    long start = System.nanoTime();
    URI at = uri;
    for (int hop = 0; ; hop++) {
      Map<String, String> sent = new LinkedHashMap<>(headers);
      if (!sameOrigin(uri, at)) {
        sent.keySet().removeIf(name -> name.equalsIgnoreCase("authorization"));
      }
      sent.putIfAbsent("Accept-Encoding", "gzip");
      Streamed answer = exchange("GET", at, sent, null, start);
      URI next = hop < MAX_REDIRECTS ? redirect(at, answer) : null;
      if (next == null) {
        return answer;
      }
      answer.close();
      at = next;
    }
  }

  /** POSTs {@code body} to {@code uri} with these headers (say its Content-Type); no redirects. */
  public Response post(URI uri, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    try (Streamed answer = exchange("POST", uri, headers, body, start)) {
      return new Response(answer.status(), answer.headers(), answer.body().readAllBytes());
    }
  }

  /**
   * Sends {@code method} (PUT, DELETE, ...) with {@code body} (null for none) and these headers;
   * no redirects. For the APIs that replace and delete (Chronograf's dashboards).
   */
  public Response send(String method, URI uri, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    try (Streamed answer = exchange(method, uri, headers, body, start)) {
      return new Response(answer.status(), answer.headers(), answer.body().readAllBytes());
    }
  }

  /** {@code Basic base64(user:password)}, the value of an {@code Authorization} header. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private java.time.Duration remaining(long start) {
    long left = settings.timeout().toNanos() - (System.nanoTime() - start);
    return java.time.Duration.ofNanos(Math.max(left, 1_000_000));
  }

  private Streamed exchange(String method, URI uri, Map<String, String> headers, byte[] body,
      long start) throws IOException, InterruptedException {
    Map<String, String> sent = new LinkedHashMap<>();
    sent.put("User-Agent", "squash-influx");
    sent.putAll(headers);
    settings.proxies().forUri(uri).map(ProxyUrl::authorization)
        .ifPresent(value -> sent.put("Proxy-Authorization", value));
    Transport.Exchange answer;
    try {
      answer = transport.send(new Transport.Request(method, uri, sent, body, remaining(start)));
    } catch (IOException e) {
      throw explained(e, uri, start);
    }
    HttpHeaders head = answer.headers();
    boolean gzip = head.firstValue("content-encoding")
        .map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
    long declared = head.firstValueAsLong("content-length").orElse(-1);
    if (!gzip && declared > settings.maxResponseBytes()) {
      answer.abort();
      throw new TooLargeException(settings.maxResponseBytes());
    }
    long left = settings.timeout().toNanos() - (System.nanoTime() - start);
    return new Streamed(answer.status(), head,
        new Body(answer, gzip, settings.maxResponseBytes(), left, () -> timeoutMessage(uri)));
  }

  /** Failures with a message a user can act on; the types {@code retry.Policy} reads. */
  private IOException explained(IOException e, URI uri, long start) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        UnknownHostException unknown = new UnknownHostException("unknown host " + uri.getHost());
        unknown.initCause(e);
        return unknown;
      }
    }
    // The JDK says "connect timed out" also when the exchange's own, shorter, deadline ran out.
    boolean connectDeadline = System.nanoTime() - start >= settings.connectTimeout().toNanos();
    if (e instanceof HttpConnectTimeoutException && connectDeadline) {
      return new HttpConnectTimeoutException("no connection to " + origin(uri) + " within "
          + seconds(settings.connectTimeout()));
    }
    if (e instanceof HttpTimeoutException) {
      return new HttpTimeoutException(timeoutMessage(uri));
    }
    return e;
  }

  private String timeoutMessage(URI uri) {
    return "no complete answer from " + origin(uri) + " within " + seconds(settings.timeout())
        + " (the read timeout)";
  }

  private static String seconds(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** Where a 3xx answer to a GET of {@code at} leads, or null when it is the answer. */
  private static URI redirect(URI at, Streamed answer) {
    if (!REDIRECTS.contains(answer.status())) {
      return null;
    }
    String location = answer.header("location").orElse(null);
    if (location == null) {
      return null;
    }
    URI next;
    try {
      next = at.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      return null; // not a URL: the 3xx is the answer
    }
    String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
    boolean allowed = scheme.equals("https") || scheme.equals("http") && "http".equals(at.getScheme());
    return next.getHost() == null || !allowed ? null : next;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI uri) {
    return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public String toString() {
    return "Http[" + Objects.toString(settings.proxies()) + "]";
  }
}
