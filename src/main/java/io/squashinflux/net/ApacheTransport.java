package io.squashinflux.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link Transport} over Apache HttpClient 5 classic: blocking sockets in the calling thread and
 * a pool of kept-alive connections: no selector thread, no hand-off between threads and no copy
 * of the body per request, which makes it the cheapest of the clients measured (BENCHMARKS.md,
 * {@code bench/http-clients.sh}). Only the
 * wire is Apache's: no redirects, no decoding, no retries of its own but one, a GET sent again
 * when a kept-alive connection turns out closed by the server.
 */
final class ApacheTransport implements Transport {
  /** More than the sync ever has in flight to one server, so no request waits for the pool. */
  private static final int CONNECTIONS_PER_SERVER = 64;

  private final CloseableHttpClient client;
  /** Challenges are looked for only when a proxy has credentials to answer them with. */
  private final boolean proxyAuthentication;
  private final java.time.Duration connectTimeout;

  ApacheTransport(HttpSettings settings) {
    this.connectTimeout = settings.connectTimeout();
    this.proxyAuthentication = settings.proxies().urls().stream().anyMatch(u -> u.user() != null);
    ConnectionConfig connections = ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
        .setSocketTimeout(Timeout.of(settings.timeout()))
        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
        .build();
    var tls = new FirstUseTls(settings.caCerts());
    var pool = new InterruptibleSockets()
        .setDefaultConnectionConfig(connections)
        .setTlsSocketStrategy(tls)
        .setMaxConnPerRoute(CONNECTIONS_PER_SERVER)
        .setMaxConnTotal(2 * CONNECTIONS_PER_SERVER)
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(pool)
        .setRoutePlanner(new SystemDefaultRoutePlanner(settings.proxies().selector()))
        .setDefaultCredentialsProvider(proxyCredentials(settings.proxies()))
        .setDefaultRequestConfig(RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setContentCompressionEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .setConnectionRequestTimeout(Timeout.of(settings.timeout()))
            .build())
        .setRetryStrategy(new StaleConnectionRetry())
        .disableRedirectHandling()
        .disableContentCompression()
        .disableCookieManagement()
        .disableDefaultUserAgent()
        .build();
  }

  /**
   * The proxies' own credentials, for the CONNECT of https through a proxy (plain http requests
   * carry {@code Proxy-Authorization} from {@link Http}).
   */
  private static CredentialsProvider proxyCredentials(Proxies proxies) {
    List<ProxyUrl> urls = proxies.urls();
    return new CredentialsProvider() {
      @Override
      public Credentials getCredentials(AuthScope scope, HttpContext context) {
        for (ProxyUrl url : urls) {
          if (url.user() != null && url.host().equalsIgnoreCase(scope.getHost())
              && url.port() == scope.getPort()) {
            String password = url.password() == null ? "" : url.password();
            return new UsernamePasswordCredentials(url.user(), password.toCharArray());
          }
        }
        return null;
      }
    };
  }

  @Override
  public Exchange send(Request request) throws IOException, InterruptedException {
    HttpUriRequestBase message = new HttpUriRequestBase(request.method(), request.uri());
    request.headers().forEach(message::addHeader);
    if (request.body() != null) {
      message.setEntity(new ByteArrayEntity(request.body(), null));
    }
    message.setConfig(RequestConfig.copy(RequestConfig.DEFAULT)
        .setRedirectsEnabled(false)
        .setContentCompressionEnabled(false)
        .setProtocolUpgradeEnabled(false)
        .setAuthenticationEnabled(proxyAuthentication)
        .setResponseTimeout(Timeout.of(request.timeout().toNanos(), TimeUnit.NANOSECONDS))
        .setConnectionRequestTimeout(Timeout.of(request.timeout()))
        // The exchange's deadline bounds the connecting too, when it is the shorter.
        .setConnectTimeout(Timeout.of(request.timeout().compareTo(connectTimeout) < 0
            ? request.timeout() : connectTimeout))
        .build());
    ClassicHttpResponse response;
    try {
      response = client.executeOpen(null, message, null);
    } catch (IOException e) {
      throw translated(e);
    }
    return new Answer(message, response);
  }

  /** Apache's failures as the types the rest of the project reads. */
  private static IOException translated(IOException e) throws InterruptedException {
    if (e instanceof ConnectTimeoutException) {
      HttpConnectTimeoutException timeout = new HttpConnectTimeoutException(e.getMessage());
      timeout.initCause(e);
      return timeout;
    }
    if (e instanceof SocketTimeoutException) {
      HttpTimeoutException timeout = new HttpTimeoutException(e.getMessage());
      timeout.initCause(e);
      return timeout;
    }
    if (e instanceof java.net.ConnectException && e.getMessage() != null
        && e.getMessage().endsWith("Connection refused")) {
      // Apache repeats the address the caller names already; the JDK's words are the reason.
      java.net.ConnectException refused = new java.net.ConnectException("connection refused");
      refused.initCause(e);
      return refused;
    }
    if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      InterruptedException interrupted = new InterruptedException("interrupted");
      interrupted.initCause(e);
      throw interrupted;
    }
    return e;
  }

  private static final class Answer implements Exchange {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private final HttpHeaders headers;
    private final InputStream body;

    Answer(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
      this.request = request;
      this.response = response;
      Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Header header : response.getHeaders()) {
        map.computeIfAbsent(header.getName(), k -> new java.util.ArrayList<>()).add(header.getValue());
      }
      this.headers = HttpHeaders.of(new LinkedHashMap<>(map), (name, value) -> true);
      HttpEntity entity = response.getEntity();
      this.body = entity == null ? InputStream.nullInputStream() : entity.getContent();
    }

    @Override
    public int status() {
      return response.getCode();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }

    @Override
    public InputStream body() {
      return body;
    }

    @Override
    public void abort() {
      request.cancel(); // closes the socket at once, which ends a read blocked on it
      try {
        response.close();
      } catch (IOException e) {
        // Dropped either way.
      }
    }
  }

  /**
   * Connections over socket channels: a thread interrupted in a read (a run stopping, a stage
   * failing) ends its exchange at once, as with the JDK's client, rather than at its deadline.
   */
  private static final class InterruptibleSockets extends PoolingHttpClientConnectionManagerBuilder {
    @Override
    protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver ports,
        DnsResolver dns, TlsSocketStrategy tls) {
      DetachedSocketFactory sockets = proxy -> proxy == null || proxy.type() == Proxy.Type.DIRECT
          ? SocketChannel.open().socket() : new Socket(proxy);
      return new DefaultHttpClientConnectionOperator(sockets, ports, dns,
          RegistryBuilder.<TlsSocketStrategy>create().register("https", tls).build());
    }
  }

  /**
   * A GET sent again, at once, when a kept-alive connection was closed by the server before it
   * answered; nothing else: the caller's policy decides every other retry.
   */
  private static final class StaleConnectionRetry implements HttpRequestRetryStrategy {
    @Override
    public boolean retryRequest(HttpRequest request, IOException e, int count, HttpContext context) {
      return count <= 1 && e instanceof NoHttpResponseException
          && "GET".equalsIgnoreCase(request.getMethod());
    }

    @Override
    public boolean retryRequest(HttpResponse response, int count, HttpContext context) {
      return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int count, HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException e, int count,
        HttpContext context) {
      return TimeValue.ZERO_MILLISECONDS;
    }
  }
}
