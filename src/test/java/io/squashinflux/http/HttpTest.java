package io.squashinflux.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Http} against real loopback servers that answer with exact bytes, so that framing,
 * connection reuse, redirects and deadlines are seen as a user of the client sees them.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpTest {
  private static final String AUTHORIZATION = "Basic dXNlcjpzZWNyZXQ=";
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_ANSWER_TIMEOUT = Duration.ofMillis(300);

  private final List<ScriptedServer> servers = new ArrayList<>();
  private final List<Http> clients = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    clients.forEach(Http::close);
    servers.forEach(ScriptedServer::close);
  }

  // Framing and connection reuse

  @Test
  void contentLengthBodyIsReadWholeAndItsConnectionServesTheNextGet() throws Exception {
    String big = "0123456789abcdef".repeat(6_250); // 100 000 bytes: several reads and buffer fills
    ScriptedServer server = serve((nth, exchange) -> exchange.send(ok(nth == 1 ? big : "second")));
    Http http = client(server.uri());

    Http.Answer first = http.get("/big");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.retryAfter()).isNull();
    assertThat(text(first)).isEqualTo(big);
    assertThat(text(http.get("/small"))).isEqualTo("second");

    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.requestLines()).containsExactly("GET /big HTTP/1.1", "GET /small HTTP/1.1");
  }

  @Test
  void chunkedBodyWithExtensionsAndTrailersIsReadExactlyAndItsConnectionKept() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;x=y\r\nhello\r\n"
        + "2\r\n, \r\n"
        + "A\r\n0123456789\r\n"
        + "0\r\nX-Checksum: 42\r\nX-Other: yes\r\n\r\n";
    ScriptedServer server = serve((nth, exchange) ->
        exchange.send(nth == 1 ? chunked : ok("next")));
    Http http = client(server.uri());

    assertThat(text(http.get("/chunks"))).isEqualTo("hello, 0123456789");
    assertThat(text(http.get("/next"))).isEqualTo("next");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void bodyEndedByTheConnectionIsReadToItsEndAndTheNextGetReconnects() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      exchange.send("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end " + nth);
      exchange.hangUp();
    });
    Http http = client(server.uri());

    assertThat(text(http.get("/a"))).isEqualTo("until the end 1");
    assertThat(text(http.get("/b"))).isEqualTo("until the end 2");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void http10AnswerWithoutKeepAliveIsNotReused() throws Exception {
    // The server would read a second request on the same connection: only the client can refuse.
    ScriptedServer server = serve((nth, exchange) ->
        exchange.send("HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nold" + nth));
    Http http = client(server.uri());

    assertThat(text(http.get("/a"))).isEqualTo("old1");
    assertThat(text(http.get("/b"))).isEqualTo("old2");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void http10AnswerWithKeepAliveIsReused() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(
        "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 4\r\n\r\nold" + nth));
    Http http = client(server.uri());

    assertThat(text(http.get("/a"))).isEqualTo("old1");
    assertThat(text(http.get("/b"))).isEqualTo("old2");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void bodyClosedBeforeItsEndIsDrainedAndItsConnectionKept() throws Exception {
    ScriptedServer server = serve((nth, exchange) ->
        exchange.send(ok(nth == 1 ? "x".repeat(10_000) : "second")));
    Http http = client(server.uri());

    try (InputStream body = http.get("/long").body()) {
      assertThat(body.read()).isEqualTo('x');
    }
    assertThat(text(http.get("/next"))).isEqualTo("second");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void interimContinueAnswerIsSkipped() throws Exception {
    ScriptedServer server = serve((nth, exchange) ->
        exchange.send("HTTP/1.1 100 Continue\r\n\r\n" + ok("final")));
    Http http = client(server.uri());

    Http.Answer answer = http.get("/");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(answer)).isEqualTo("final");
  }

  @Test
  void answerDribbledByteByByteIsReadTheSame() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n4;ext\r\ndefg\r\n0\r\n\r\n";
    ScriptedServer server = serve((nth, exchange) -> {
      for (char c : (nth == 1 ? chunked : ok("whole")).toCharArray()) {
        exchange.send(String.valueOf(c)); // one TCP segment per byte: every read ends mid-line
      }
    });
    Http http = client(server.uri());

    assertThat(text(http.get("/a"))).isEqualTo("abcdefg");
    assertThat(text(http.get("/b"))).isEqualTo("whole");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void answersWithoutABodyKeepTheirConnection() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(switch (nth) {
      case 1 -> "HTTP/1.1 204 No Content\r\n\r\n";
      // A 304's Content-Length is the length the body would have: no body follows.
      case 2 -> "HTTP/1.1 304 Not Modified\r\nContent-Length: 12\r\n\r\n";
      default -> ok("third");
    }));
    Http http = client(server.uri());

    Http.Answer noContent = http.get("/a");
    assertThat(noContent.status()).isEqualTo(204);
    assertThat(text(noContent)).isEmpty();
    Http.Answer notModified = http.get("/b");
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(text(notModified)).isEmpty();
    assertThat(text(http.get("/c"))).isEqualTo("third");
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void keptAliveConnectionClosedByTheServerWhileIdleIsReplacedSilently() throws Exception {
    CountDownLatch hungUp = new CountDownLatch(1);
    ScriptedServer server = serve((nth, exchange) -> {
      exchange.send(ok("answer " + nth)); // no Connection: close, yet the server closes
      if (nth == 1) {
        exchange.hangUp();
        hungUp.countDown();
      }
    });
    Http http = client(server.uri());

    assertThat(text(http.get("/a"))).isEqualTo("answer 1");
    assertThat(hungUp.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(text(http.get("/b"))).isEqualTo("answer 2");

    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.requestLines()).containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1");
  }

  // Requests

  @Test
  void requestLineJoinsTheBasePathAndTheGivenPathAndHostNamesThePort() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(ok("{}")));
    Http http = client(server.uri("/api"));
    Http slashed = client(server.uri("/api/"));

    text(http.get("/job/7"));
    text(slashed.get("/jobs?page=2"));

    assertThat(server.requestLines())
        .containsExactly("GET /api/job/7 HTTP/1.1", "GET /api/jobs?page=2 HTTP/1.1");
    assertThat(server.heads().get(0).lines())
        .contains("Host: 127.0.0.1:" + server.port(), "Authorization: " + AUTHORIZATION);
  }

  // Redirects

  @Test
  void redirectWithRelativeLocationIsFollowedOnTheSameOriginWithTheAuthorization()
      throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(nth == 1
        ? "HTTP/1.1 302 Found\r\nLocation: new?x=1\r\nContent-Length: 9\r\n\r\nsee other"
        : ok("moved here")));
    Http http = client(server.uri("/api"));

    Http.Answer answer = http.get("/old");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(text(answer)).isEqualTo("moved here");
    assertThat(server.requestLines())
        .containsExactly("GET /api/old HTTP/1.1", "GET /api/new?x=1 HTTP/1.1");
    assertThat(server.heads()).allSatisfy(head ->
        assertThat(head.lines()).contains("Authorization: " + AUTHORIZATION));
    assertThat(server.connections()).isEqualTo(1); // the 302's body was drained, not dropped
  }

  @Test
  void redirectToAnotherOriginIsFollowedWithoutTheAuthorization() throws Exception {
    ScriptedServer elsewhere = serve((nth, exchange) -> exchange.send(ok("over there")));
    ScriptedServer origin = serve((nth, exchange) -> exchange.send("HTTP/1.1 302 Found\r\n"
        + "Location: " + elsewhere.uri("/there") + "\r\nContent-Length: 0\r\n\r\n"));
    Http http = client(origin.uri());

    assertThat(text(http.get("/here"))).isEqualTo("over there");

    assertThat(origin.heads().get(0).lines()).contains("Authorization: " + AUTHORIZATION);
    assertThat(elsewhere.requestLines()).containsExactly("GET /there HTTP/1.1");
    assertThat(elsewhere.heads().get(0).lines())
        .contains("Host: 127.0.0.1:" + elsewhere.port())
        .noneMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("authorization"));
  }

  @Test
  void moreThanFiveRedirectsReturnTheLastRedirect() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send("HTTP/1.1 302 Found\r\n"
        + "Location: /hop" + nth + "\r\nContent-Length: 1\r\n\r\n" + nth));
    Http http = client(server.uri());

    Http.Answer answer = http.get("/hop0");

    assertThat(answer.status()).isEqualTo(302);
    assertThat(text(answer)).isEqualTo("6"); // the first GET and five redirects followed
    assertThat(server.requestLines()).containsExactly("GET /hop0 HTTP/1.1", "GET /hop1 HTTP/1.1",
        "GET /hop2 HTTP/1.1", "GET /hop3 HTTP/1.1", "GET /hop4 HTTP/1.1", "GET /hop5 HTTP/1.1");
  }

  // Answers worth a retry, and failures

  @Test
  void retryAfterIsExposedAsTheServerSentIt() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send("HTTP/1.1 503 Unavailable\r\n"
        + "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\nContent-Length: 4\r\n\r\nbusy"));
    Http http = client(server.uri());

    Http.Answer answer = http.get("/");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.retryAfter()).isEqualTo("Wed, 21 Oct 2015 07:28:00 GMT");
    assertThat(text(answer)).isEqualTo("busy");
  }

  @Test
  void serverThatNeverAnswersTimesOutWithinTheAnswerTimeout() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      if (nth == 1) {
        exchange.stall();
      } else {
        exchange.send(ok("awake"));
      }
    });
    Http http = client(server.uri(), SHORT_ANSWER_TIMEOUT);

    long start = System.nanoTime();
    assertThatThrownBy(() -> http.get("/sleepy"))
        .isInstanceOf(Deadlines.TimedOut.class)
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(SHORT_ANSWER_TIMEOUT)
        .isLessThan(Duration.ofSeconds(3));

    assertThat(text(http.get("/again"))).isEqualTo("awake");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void timeoutOnAKeptAliveConnectionIsReportedNotRetriedSilently() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      if (nth == 2) {
        exchange.stall();
      } else {
        exchange.send(ok("answer " + nth));
      }
    });
    Http http = client(server.uri(), SHORT_ANSWER_TIMEOUT);

    assertThat(text(http.get("/a"))).isEqualTo("answer 1");
    assertThatThrownBy(() -> http.get("/sleepy")).isInstanceOf(Deadlines.TimedOut.class);
    assertThat(server.requestLines()).containsExactly("GET /a HTTP/1.1", "GET /sleepy HTTP/1.1");
  }

  @Test
  void serverThatStallsMidBodyTimesOutAndItsConnectionIsDropped() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      if (nth == 1) {
        exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        exchange.stall();
      } else {
        exchange.send(ok("fresh"));
      }
    });
    Http http = client(server.uri(), SHORT_ANSWER_TIMEOUT);

    long start = System.nanoTime();
    try (InputStream body = http.get("/slow").body()) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(Deadlines.TimedOut.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

    assertThat(text(http.get("/again"))).isEqualTo("fresh");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void connectionClosedBeforeTheContentLengthIsAnEofNotATruncatedBody() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      exchange.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd");
      exchange.hangUp();
    });
    Http http = client(server.uri());

    try (InputStream body = http.get("/").body()) {
      assertThatThrownBy(body::readAllBytes)
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("6 bytes");
    }
  }

  @Test
  void connectionClosedInTheMiddleOfAChunkIsAnEof() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      exchange.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n9\r\nwor");
      exchange.hangUp();
    });
    Http http = client(server.uri());

    try (InputStream body = http.get("/").body()) {
      assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class);
    }
  }

  @Test
  void nonHttpAnswerIsAProtocolErrorOnOneLine() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      exchange.send("hello\r\n");
      exchange.hangUp();
    });
    Http http = client(server.uri());

    assertThatThrownBy(() -> http.get("/"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("hello")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
  }

  @Test
  void nothingListeningIsAConnectException() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Http http = client(URI.create("http://127.0.0.1:" + port));

    assertThatThrownBy(() -> http.get("/")).isInstanceOf(ConnectException.class);
  }

  // POST, as InfluxDB is written to

  @Test
  void postSendsItsBodyWithLengthTypeAndEncodingThenTheConnectionServesAGet() throws Exception {
    byte[] small = "cpu value=1 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] large = "m,t=x f=1.5 1\n".repeat(20_000).getBytes(StandardCharsets.UTF_8); // 280 kB
    ScriptedServer server = serve((nth, exchange) ->
        exchange.send(nth < 3 ? "HTTP/1.1 204 No Content\r\n\r\n" : ok("pong")));
    Http http = client(server.uri("/influx"));

    Http.Answer first = http.post("/write?db=a", "text/plain; charset=utf-8", null, small);
    assertThat(first.status()).isEqualTo(204);
    assertThat(text(first)).isEmpty();
    try (InputStream body = http.post("/write?db=a", "text/plain", "gzip", large).body()) {
      assertThat(body.readAllBytes()).isEmpty();
    }
    assertThat(text(http.get("/ping"))).isEqualTo("pong");

    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.requestLines()).containsExactly("POST /influx/write?db=a HTTP/1.1",
        "POST /influx/write?db=a HTTP/1.1", "GET /influx/ping HTTP/1.1");
    assertThat(server.bodies()).containsExactly(small, large, new byte[0]);
    assertThat(server.heads().get(0)).contains("Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Length: " + small.length, "Authorization: " + AUTHORIZATION)
        .doesNotContain("Content-Encoding");
    assertThat(server.heads().get(1)).contains("Content-Encoding: gzip",
        "Content-Length: " + large.length);
  }

  @Test
  void postIsNotRedirectedAndItsAnswerHeadersAreReadable() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send("HTTP/1.1 307 Temporary\r\n"
        + "Location: /elsewhere\r\nX-Influxdb-Error: moved\r\nContent-Length: 0\r\n\r\n"));
    Http http = client(server.uri());

    Http.Answer answer = http.post("/write", "text/plain", null, new byte[] {'x'});

    assertThat(answer.status()).isEqualTo(307);
    assertThat(answer.header("x-influxdb-error")).isEqualTo("moved");
    assertThat(answer.header("location")).isEqualTo("/elsewhere");
    answer.body().close();
    assertThat(server.requestLines()).containsExactly("POST /write HTTP/1.1");
  }

  @Test
  void anEarlyRefusalOfALargeBodyIsReadNotLostBehindTheWriteError() throws Exception {
    // As InfluxDB answers a body over its max-body-size: from the head alone, then it stops reading
    // and closes the connection, so the rest of the body cannot be written.
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> {
        try (Socket socket = listener.accept()) {
          ScriptedServer.readHead(new BufferedInputStream(socket.getInputStream()));
          socket.getOutputStream().write(("HTTP/1.1 413 Request Entity Too Large\r\n"
              + "Connection: close\r\nContent-Length: 36\r\n\r\n"
              + "{\"error\":\"Request Entity Too Large\"}").getBytes(StandardCharsets.US_ASCII));
          socket.shutdownOutput();
          Thread.sleep(300);
        } catch (IOException | InterruptedException e) {
          // The test reads what the client saw.
        }
      });
      server.setDaemon(true);
      server.start();
      Http http = client(URI.create("http://127.0.0.1:" + listener.getLocalPort()));

      Http.Answer answer = http.post("/write", "text/plain", null, new byte[64 << 20]);

      assertThat(answer.status()).isEqualTo(413);
      assertThat(text(answer)).contains("Request Entity Too Large");
    }
  }

  @Test
  void aPostIsNotSentAgainBehindTheCallersBackWhenItsConnectionDies() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> {
      if (nth == 1) {
        exchange.send("HTTP/1.1 204 No Content\r\n\r\n");
      } else {
        exchange.hangUp(); // read the whole request, then gone without a word
      }
    });
    Http http = client(server.uri());
    text(http.post("/write", "text/plain", null, new byte[] {'a'}));

    assertThatThrownBy(() -> http.post("/write", "text/plain", null, new byte[] {'b'}))
        .isInstanceOf(IOException.class);
    assertThat(server.requestLines()).hasSize(2);
  }

  @Test
  void aConnectionWhoseAnswerWasMalformedIsNotReused() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(nth == 1
        ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n"
        : ok("second")));
    Http http = client(server.uri());

    Http.Answer first = http.get("/a");
    assertThatThrownBy(() -> text(first)).isInstanceOf(ProtocolException.class);
    assertThat(text(http.get("/b"))).isEqualTo("second");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void twoDifferentContentLengthsAreAProtocolError() throws Exception {
    ScriptedServer server = serve((nth, exchange) -> exchange.send(
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"));
    assertThatThrownBy(() -> client(server.uri()).get("/")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Content-Length");
  }

  @Test
  void anIpv6HostIsNamedInBracketsOnce() {
    assertThat(Http.Origin.of(URI.create("http://[::1]:8086/")).hostHeader()).isEqualTo("[::1]:8086");
    assertThat(Http.Origin.of(URI.create("https://[::1]/")).hostHeader()).isEqualTo("[::1]");
    assertThat(Http.Origin.of(URI.create("http://influx.example.org:80/")).hostHeader())
        .isEqualTo("influx.example.org");
  }

  // Helpers

  private ScriptedServer serve(Script script) throws IOException {
    ScriptedServer server = new ScriptedServer(script);
    servers.add(server);
    return server;
  }

  private Http client(URI base) {
    return client(base, ANSWER_TIMEOUT);
  }

  private Http client(URI base, Duration answerTimeout) {
    Http http = new Http(base, null, Duration.ofSeconds(2), answerTimeout, AUTHORIZATION);
    clients.add(http);
    return http;
  }

  /** The whole body as text; the body is closed, which lets its connection serve the next GET. */
  private static String text(Http.Answer answer) throws IOException {
    try (InputStream body = answer.body()) {
      return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** A 200 answer with a Content-Length, kept alive. */
  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body;
  }

  /** How a server answers its n-th request (1 = the first, counted over all its connections). */
  @FunctionalInterface
  private interface Script {
    void answer(int nth, Exchange exchange) throws IOException, InterruptedException;
  }

  /** One connection as a script drives it. */
  private static final class Exchange {
    private final Socket socket;
    private final CountDownLatch serverClosed;

    Exchange(Socket socket, CountDownLatch serverClosed) {
      this.socket = socket;
      this.serverClosed = serverClosed;
    }

    /** Writes these exact bytes (ISO-8859-1). */
    void send(String raw) throws IOException {
      socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    /** Closes the connection; no further request is read from it. */
    void hangUp() throws IOException {
      socket.close();
    }

    /** Says nothing more until the server is closed at the test's end. */
    void stall() throws InterruptedException {
      serverClosed.await();
    }
  }

  /**
   * A server on 127.0.0.1 with a daemon thread per connection, which reads each request's head and
   * lets the script answer it with exact bytes.
   */
  private static final class ScriptedServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    ScriptedServer(Script script) throws IOException {
      this.script = script;
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      daemon(this::accept, "scripted-accept-" + port());
    }

    int port() {
      return listener.getLocalPort();
    }

    URI uri() {
      return uri("");
    }

    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** TCP connections accepted so far. */
    int connections() {
      return connections.get();
    }

    /** Each request's head (request line and headers, CR LF separated), in arrival order. */
    List<String> heads() {
      return heads;
    }

    /** Each request's body (empty without a Content-Length), in arrival order. */
    List<byte[]> bodies() {
      return bodies;
    }

    List<String> requestLines() {
      return heads.stream().map(head -> head.lines().findFirst().orElse("")).toList();
    }

    private void accept() {
      try {
        while (true) {
          Socket socket = listener.accept();
          connections.incrementAndGet();
          sockets.add(socket);
          daemon(() -> converse(socket), "scripted-connection-" + port());
        }
      } catch (IOException e) {
        // The listener was closed: the test is over.
      }
    }

    private void converse(Socket socket) {
      try (socket) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Exchange exchange = new Exchange(socket, closed);
        for (String head; !socket.isClosed() && (head = readHead(in)) != null; ) {
          heads.add(head);
          bodies.add(in.readNBytes(contentLength(head)));
          script.answer(requests.incrementAndGet(), exchange);
        }
      } catch (IOException | InterruptedException e) {
        // The client went away or the test ended: this conversation is over.
      }
    }

    /** The bytes up to an empty line, without it; null when the client closed first. */
    static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0; // of "\r\n\r\n"
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        head.write(b);
        matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      return text.substring(0, text.length() - 4);
    }

    private static int contentLength(String head) {
      return head.lines()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
          .map(line -> Integer.parseInt(line.substring("content-length:".length()).trim()))
          .findFirst()
          .orElse(0);
    }

    private static void daemon(Runnable task, String name) {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      closed.countDown();
      try {
        listener.close();
      } catch (IOException ignored) {
        // Closing is all that is wanted.
      }
      for (Socket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing is all that is wanted.
        }
      }
    }
  }
}
