package io.squashinflux.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over kept-alive connections, for the two servers a sync talks to: tens of thousands of
 * small GETs to the SQuaSH API and a few large POSTs to InfluxDB. It does only that (status,
 * headers, a body framed by Content-Length, chunks or the connection's end; redirects of GETs;
 * TLS with the host name verified) and costs a third of the CPU of {@link
 * java.net.HttpURLConnection} for the same GETs, and a tenth of the start-up of {@code
 * java.net.http.HttpClient} (bench/run.sh, BENCHMARKS.md), which matters because a sync is
 * CPU-bound on a small machine. Not supported: proxies and compressed answers. Thread-safe.
 */
public final class Http {
  private static final int MAX_REDIRECTS = 5;
  /** How long an answer to a request whose body could not be sent is awaited. */
  static final int EARLY_ANSWER_WAIT_MILLIS = 200;
  private static final int MAX_HEADERS = 200;

  /** Where a connection goes. */
  record Origin(boolean tls, String host, int port) {
    static Origin of(URI uri) {
      boolean tls = "https".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
      return new Origin(tls, uri.getHost(), port);
    }

    /** {@code host[:port]}; an IPv6 host keeps the brackets {@code URI.getHost()} gives it. */
    String hostHeader() {
      return port == (tls ? 443 : 80) ? host : host + ":" + port;
    }
  }

  /**
   * An answer: its status, its headers (names in lower case; a repeated header keeps its last
   * value) and its body, which must be closed: that lets a fully read connection serve again.
   */
  public record Answer(int status, Map<String, String> headers, InputStream body) {
    /** A header's value, or null; {@code name} in lower case. */
    public String header(String name) {
      return headers.get(name);
    }

    /** The Retry-After header, or null. */
    public String retryAfter() {
      return header("retry-after");
    }
  }

  private final Origin origin;
  private final String basePath;
  private final String baseHost;
  private final SSLSocketFactory tls;
  private final int connectTimeoutMillis;
  private final long answerTimeoutMillis;
  private final String authorization;
  private final ConcurrentLinkedDeque<HttpConnection> baseIdle = new ConcurrentLinkedDeque<>();
  private final Map<Origin, ConcurrentLinkedDeque<HttpConnection>> idle = new ConcurrentHashMap<>();

  /**
   * Talks to {@code base}'s origin, under its path; {@code tls} is used for https (null: the JDK's
   * defaults); each exchange, from the request to the body's end, must end within {@code
   * answerTimeout}; {@code authorization} (a header value, or null) is sent to that origin only.
   */
  public Http(URI base, SSLSocketFactory tls, Duration connectTimeout, Duration answerTimeout,
      String authorization) {
    this.origin = Origin.of(base);
    this.baseHost = origin.hostHeader();
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.tls = tls;
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    this.answerTimeoutMillis = answerTimeout.toMillis();
    this.authorization = authorization;
  }

  /**
   * GETs {@code path} (with its query, percent-encoded) under the base URL, following up to five
   * redirects, but never from https to http.
   */
  public Answer get(String path) throws IOException {
    Origin to = origin;
    String target = basePath + path;
    for (int hop = 0; ; hop++) {
      Answer answer = once(to, request(to, "GET", target, null), null);
      String location = answer.status() / 100 == 3 ? answer.header("location") : null;
      if (location == null || hop == MAX_REDIRECTS) {
        return answer;
      }
      URI next;
      try {
        next = URI.create((to.tls() ? "https://" : "http://") + to.hostHeader() + target)
            .resolve(location);
      } catch (IllegalArgumentException e) {
        return answer; // a Location that is not a URL: the 3xx is the answer
      }
      String scheme = String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT);
      if (next.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && !to.tls())) {
        return answer;
      }
      answer.body().close();
      Origin nextOrigin = Origin.of(next);
      to = nextOrigin.equals(origin) ? origin : nextOrigin; // the base origin by identity
      target = (next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath())
          + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }
  }

  /**
   * POSTs {@code body} to {@code path} (with its query, percent-encoded) under the base URL;
   * {@code contentEncoding} may be null. Redirects are not followed.
   */
  public Answer post(String path, String contentType, String contentEncoding, byte[] body)
      throws IOException {
    StringBuilder headers = new StringBuilder(96)
        .append("Content-Type: ").append(contentType).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    if (contentEncoding != null) {
      headers.append("Content-Encoding: ").append(contentEncoding).append("\r\n");
    }
    return once(origin, request(origin, "POST", basePath + path, headers), body);
  }

  /**
   * One exchange. A kept-alive connection the server had closed while idle is replaced silently
   * when no byte of an answer came back and the request was a GET; a POST is not sent again here
   * (the caller's retry policy decides). When sending a body fails, an answer the server sent
   * before it stopped reading (InfluxDB's 413 for a body over its max-body-size) is read if it
   * arrived, rather than lost behind the write error.
   */
  private Answer once(Origin to, String head, byte[] body) throws IOException {
    while (true) {
      HttpConnection connection = idle(to).pollFirst();
      boolean reused = connection != null;
      if (!reused) {
        connection = HttpConnection.open(to, connectTimeoutMillis, to.tls() ? tls() : null);
      }
      Deadlines.Deadline deadline = Deadlines.arm(answerTimeoutMillis, connection);
      try {
        try {
          connection.send(head, body);
        } catch (IOException e) {
          Answer early = body == null ? null : earlyAnswer(to, connection, deadline);
          if (early != null) {
            return early;
          }
          throw e;
        }
        return answer(to, connection, deadline, finalHead(connection), false);
      } catch (IOException e) {
        boolean inTime = deadline.disarm();
        connection.close();
        if (!inTime) {
          throw deadline.timedOut();
        }
        if (reused && connection.received() == 0 && body == null) {
          continue; // closed by the server while idle: the request never reached it
        }
        throw e;
      } catch (RuntimeException e) {
        deadline.disarm();
        connection.close();
        throw e;
      }
    }
  }

  /** A final answer already received when a body could not be sent, or null. */
  private Answer earlyAnswer(Origin to, HttpConnection connection, Deadlines.Deadline deadline) {
    try {
      if (connection.answerWithin(EARLY_ANSWER_WAIT_MILLIS)) {
        Head head = finalHead(connection);
        return answer(to, connection, deadline, head, true);
      }
    } catch (IOException e) {
      // Nothing readable: the write error stands.
    }
    return null;
  }

  /** The JDK's default TLS setup is loaded only for https: it costs 0.15 s of CPU to load. */
  private SSLSocketFactory tls() {
    return tls != null ? tls : (SSLSocketFactory) SSLSocketFactory.getDefault();
  }

  private ConcurrentLinkedDeque<HttpConnection> idle(Origin to) {
    return to == origin ? baseIdle : idle.computeIfAbsent(to, o -> new ConcurrentLinkedDeque<>());
  }

  /** A request's head; {@code headers} (CR LF ended, or null) describe its body. */
  private String request(Origin to, String method, String target, CharSequence headers) {
    StringBuilder request = new StringBuilder(160)
        .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(to == origin ? baseHost : to.hostHeader()).append("\r\n")
        .append("Accept: application/json\r\n")
        .append("User-Agent: squash-influx\r\n");
    if (authorization != null && to == origin) {
      request.append("Authorization: ").append(authorization).append("\r\n");
    }
    if (headers != null) {
      request.append(headers);
    }
    return request.append("\r\n").toString();
  }

  /** An answer's status line and headers. */
  private record Head(int code, long length, boolean chunked, boolean close,
      Map<String, String> headers) {}

  /** The final answer's head, after any interim ones (100 Continue). */
  private static Head finalHead(HttpConnection connection) throws IOException {
    while (true) {
      Head head = head(connection);
      if (head.code() / 100 != 1) {
        return head;
      }
    }
  }

  private static Head head(HttpConnection connection) throws IOException {
    String status = connection.readLine();
    int code = statusCode(status);
    boolean http10 = status.startsWith("HTTP/1.0");
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    boolean keepAlive = false;
    Map<String, String> headers = new HashMap<>();
    int count = 0;
    for (String line; !(line = connection.readLine()).isEmpty(); ) {
      if (++count > MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " answer headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> {
          long declared = contentLength(value);
          if (length >= 0 && declared != length) {
            throw new ProtocolException("two different Content-Length headers");
          }
          length = declared;
        }
        case "transfer-encoding" -> chunked |= value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> {
          String v = value.toLowerCase(Locale.ROOT);
          close |= v.contains("close");
          keepAlive |= v.contains("keep-alive");
        }
        default -> { }
      }
      headers.put(name, value);
    }
    return new Head(code, length, chunked, close || http10 && !keepAlive,
        Collections.unmodifiableMap(headers));
  }

  /** The answer with its body; {@code close}: the connection cannot serve again. */
  private Answer answer(Origin to, HttpConnection connection, Deadlines.Deadline deadline,
      Head head, boolean close) {
    boolean empty = head.code() == 204 || head.code() == 304;
    boolean closing = close || head.close();
    Body body = head.chunked() && !empty ? new Chunked(to, connection, deadline, closing)
        : new Fixed(to, connection, deadline, closing || head.length() < 0 && !empty,
            empty ? 0 : head.length());
    return new Answer(head.code(), head.headers(), body);
  }

  private static int statusCode(String line) throws ProtocolException {
    // "HTTP/1.1 200 OK"
    if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
      throw new ProtocolException("not an HTTP/1.x answer: " + abbreviated(line));
    }
    try {
      return Integer.parseInt(line.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new ProtocolException("not an HTTP status line: " + abbreviated(line));
    }
  }

  private static long contentLength(String value) throws ProtocolException {
    try {
      long length = Long.parseLong(value);
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    throw new ProtocolException("invalid Content-Length: " + abbreviated(value));
  }

  private static String abbreviated(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  /** The {@code Authorization} header value of HTTP basic authentication: {@code user:password}. */
  public static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** Closes every idle connection. */
  public void close() {
    closeAll(baseIdle);
    idle.values().forEach(Http::closeAll);
  }

  private static void closeAll(ConcurrentLinkedDeque<HttpConnection> connections) {
    for (HttpConnection c; (c = connections.pollFirst()) != null; ) {
      c.close();
    }
  }

  /**
   * An answer's body. Closing it before its end reads on up to 64 KB so the connection can be
   * kept; a connection is kept only when the body ended, within its deadline, with nothing extra.
   */
  private abstract class Body extends InputStream {
    private static final int DRAIN_LIMIT = 64 * 1024;

    final Origin to;
    final HttpConnection connection;
    final Deadlines.Deadline deadline;
    final boolean close;
    boolean ended;
    private boolean closed;
    private boolean broken; // a read failed: the connection's stream is not to be trusted

    Body(Origin to, HttpConnection connection, Deadlines.Deadline deadline, boolean close) {
      this.to = to;
      this.connection = connection;
      this.deadline = deadline;
      this.close = close;
    }

    abstract int next(byte[] into, int offset, int length) throws IOException;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("the answer's body is closed");
      }
      if (ended) {
        return -1;
      }
      try {
        int n = next(into, offset, length);
        if (n < 0) {
          ended = true;
        }
        return n;
      } catch (IOException e) {
        broken = true;
        throw deadline.explain(e);
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (!ended && !close && !broken) {
        drain();
      }
      boolean inTime = deadline.disarm();
      if (ended && inTime && !close && !broken && connection.drained()) {
        idle(to).offerFirst(connection);
      } else {
        connection.close();
      }
    }

    private void drain() {
      byte[] scratch = new byte[8192];
      try {
        for (int total = 0; total <= DRAIN_LIMIT; ) {
          int n = next(scratch, 0, scratch.length);
          if (n < 0) {
            ended = true;
            return;
          }
          total += n;
        }
      } catch (IOException e) {
        // The connection is closed instead of kept.
      }
    }
  }

  /** A body of a known length, or up to the connection's end when {@code length} is negative. */
  private final class Fixed extends Body {
    private long left;

    Fixed(Origin to, HttpConnection connection, Deadlines.Deadline deadline, boolean close,
        long length) {
      super(to, connection, deadline, close);
      this.left = length;
    }

    @Override
    int next(byte[] into, int offset, int length) throws IOException {
      if (left == 0) {
        return -1;
      }
      int wanted = left < 0 ? length : (int) Math.min(length, left);
      int n = connection.read(into, offset, wanted);
      if (n < 0) {
        if (left > 0) {
          throw new EOFException("the connection closed " + left + " bytes before the answer's end");
        }
        return -1;
      }
      if (left > 0) {
        left -= n;
      }
      return n;
    }
  }

  /** A body in chunks: size in hex, CR LF, the bytes, CR LF; a zero size and trailers end it. */
  private final class Chunked extends Body {
    private long left;
    private boolean last;

    Chunked(Origin to, HttpConnection connection, Deadlines.Deadline deadline, boolean close) {
      super(to, connection, deadline, close);
    }

    @Override
    int next(byte[] into, int offset, int length) throws IOException {
      if (last) {
        return -1;
      }
      if (left == 0) {
        left = chunkSize(connection.readLine());
        if (left == 0) {
          while (!connection.readLine().isEmpty()) {
            // Trailers are not used.
          }
          last = true;
          return -1;
        }
      }
      int n = connection.read(into, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new EOFException("the connection closed in the middle of a chunk");
      }
      left -= n;
      if (left == 0 && !connection.readLine().isEmpty()) {
        throw new ProtocolException("a chunk does not end with CR LF");
      }
      return n;
    }

    private static long chunkSize(String line) throws ProtocolException {
      int end = line.indexOf(';');
      String hex = (end < 0 ? line : line.substring(0, end)).trim();
      try {
        long size = Long.parseLong(hex, 16);
        if (size >= 0) {
          return size;
        }
      } catch (NumberFormatException ignored) {
        // Reported below.
      }
      throw new ProtocolException("invalid chunk size: " + abbreviated(line));
    }
  }
}
