package io.squashinflux.bench;

import io.squashinflux.net.Http;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Proxies;
import io.squashinflux.net.Streamed;
import io.squashinflux.net.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP client candidates side by side (bench/http-clients.sh): each fetches the same job
 * documents from one SQuaSH API server in another process, 8 in flight, asking for gzip, reading
 * each body through the size cap, and this process's CPU time and the wall time are printed per
 * 1,000 jobs. Rounds go through the candidates in turn so that the machine's other load falls on
 * all of them alike; the first round of each is a warm-up and is not counted.
 *
 * <p>Usage: {@code ClientBench API_URL JOBS ROUNDS [candidate...]}; candidates: jdk, apache,
 * okhttp, jetty (each library alone, with its own gzip) and http (the project's {@link Http}).
 */
final class ClientBench {
  private static final int IN_FLIGHT = 8;
  private static final long CAP = HttpSettings.DEFAULT_MAX_RESPONSE_BYTES;

  /** One candidate: fetches a URL and reads its (decoded) body to the end; returns its size. */
  interface Candidate extends AutoCloseable {
    long fetch(URI uri) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args[0]);
    int jobs = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<String> names = args.length > 3 ? List.of(args).subList(3, args.length)
        : List.of("jdk", "apache", "okhttp", "jetty", "http");
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (String name : names) {
      candidates.put(name, create(name));
    }
    List<URI> uris = new ArrayList<>();
    for (int id = 1; id <= jobs; id++) {
      uris.add(api.resolve("/job/" + id));
    }
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    Map<String, double[]> totals = new LinkedHashMap<>();
    for (int round = 0; round <= rounds; round++) {
      for (Map.Entry<String, Candidate> c : candidates.entrySet()) {
        double[] result = round(c.getValue(), uris, pool);
        if (round > 0) {
          double[] sum = totals.computeIfAbsent(c.getKey(), k -> new double[3]);
          sum[0] += result[0];
          sum[1] += result[1];
          sum[2] += result[2];
        }
      }
    }
    pool.shutdown();
    System.out.printf("%-8s %14s %14s %12s%n", "client", "CPU s/1000", "wall s/1000", "MB/round");
    for (Map.Entry<String, double[]> t : totals.entrySet()) {
      double perThousand = 1000.0 / (jobs * (double) rounds);
      System.out.printf("%-8s %14.3f %14.3f %12.1f%n", t.getKey(), t.getValue()[0] * perThousand,
          t.getValue()[1] * perThousand, t.getValue()[2] / rounds / 1e6);
    }
    for (Candidate c : candidates.values()) {
      c.close();
    }
    System.exit(0);
  }

  /** CPU seconds of this process, wall seconds, bytes read. */
  private static double[] round(Candidate candidate, List<URI> uris, ExecutorService pool)
      throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicInteger next = new AtomicInteger();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    List<Future<Long>> workers = new ArrayList<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      workers.add(pool.submit(() -> {
        long bytes = 0;
        for (int at; (at = next.getAndIncrement()) < uris.size(); ) {
          bytes += candidate.fetch(uris.get(at));
        }
        return bytes;
      }));
    }
    long bytes = 0;
    for (Future<Long> w : workers) {
      bytes += w.get();
    }
    return new double[] {(os.getProcessCpuTime() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9,
        bytes};
  }

  /** Reads to the end, counting against the cap, as the sync's readers do. */
  static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long n = 0;
    for (int r; (r = in.read(buffer)) >= 0; ) {
      n += r;
      if (n > CAP) {
        throw new TooLargeException(CAP);
      }
    }
    return n;
  }

  static InputStream decoded(InputStream raw, String encoding) throws IOException {
    return encoding != null && encoding.trim().equalsIgnoreCase("gzip")
        ? new GZIPInputStream(raw, 64 * 1024) : raw;
  }

  private static Candidate create(String name) throws Exception {
    switch (name) {
      case "jdk":
        return jdk();
      case "apache":
        return apache();
      case "okhttp":
        return okhttp();
      case "jetty":
        return jetty();
      case "http":
        return project();
      default:
        throw new IllegalArgumentException("no candidate " + name);
    }
  }

  /** The JDK's client as the project used it: HTTP/1.1, a streamed body, its deadline per request. */
  private static Candidate jdk() {
    java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return uri -> {
      var request = java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
          .header("User-Agent", "squash-influx").header("Accept", "application/json")
          .header("Accept-Encoding", "gzip").GET().build();
      var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = decoded(response.body(),
          response.headers().firstValue("content-encoding").orElse(null))) {
        return drain(body);
      }
    };
  }

  /** The project's client ({@link Http} over its transport) as the sync uses it. */
  private static Candidate project() {
    Http http = Http.create(HttpSettings.defaults().withProxies(Proxies.NONE));
    Map<String, String> headers = Map.of("Accept", "application/json");
    return uri -> {
      try (Streamed answer = http.open(uri, headers)) {
        return drain(answer.body());
      }
    };
  }

  /** Apache HttpClient 5 classic: blocking, pooled, gzip decoded by the client. */
  private static Candidate apache() {
    var manager = org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder
        .create().setMaxConnPerRoute(IN_FLIGHT).setMaxConnTotal(IN_FLIGHT * 2).build();
    var client = org.apache.hc.client5.http.impl.classic.HttpClients.custom()
        .setConnectionManager(manager).disableRedirectHandling().disableAutomaticRetries()
        .build();
    return new Candidate() {
      @Override
      public long fetch(URI uri) throws Exception {
        var get = new org.apache.hc.client5.http.classic.methods.HttpGet(uri);
        get.setHeader("Accept", "application/json");
        get.setHeader("Accept-Encoding", "gzip");
        return client.execute(get, response -> {
          try (InputStream body = response.getEntity().getContent()) {
            return drain(body);
          }
        });
      }

      @Override
      public void close() throws Exception {
        client.close();
      }
    };
  }

  /** OkHttp 5: blocking calls, its own pool, transparent gzip. */
  private static Candidate okhttp() {
    var client = new okhttp3.OkHttpClient.Builder()
        .protocols(List.of(okhttp3.Protocol.HTTP_1_1))
        .followRedirects(false).retryOnConnectionFailure(false)
        .callTimeout(Duration.ofSeconds(60)).build();
    return new Candidate() {
      @Override
      public long fetch(URI uri) throws Exception {
        var request = new okhttp3.Request.Builder().url(uri.toURL())
            .header("Accept", "application/json").build();
        try (var response = client.newCall(request).execute()) {
          return drain(response.body().byteStream());
        }
      }

      @Override
      public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    };
  }

  /** Jetty 12's client: a streamed body (InputStreamResponseListener), gzip decoded by Jetty. */
  private static Candidate jetty() throws Exception {
    var client = new org.eclipse.jetty.client.HttpClient();
    client.setFollowRedirects(false);
    client.setMaxConnectionsPerDestination(IN_FLIGHT);
    client.start();
    return new Candidate() {
      @Override
      public long fetch(URI uri) throws Exception {
        var listener = new org.eclipse.jetty.client.InputStreamResponseListener();
        client.newRequest(uri).headers(h -> h.put("Accept", "application/json"))
            .timeout(60, TimeUnit.SECONDS).send(listener);
        var response = listener.get(60, TimeUnit.SECONDS);
        try (InputStream body = listener.getInputStream()) {
          if (response.getStatus() != 200) {
            throw new IOException("status " + response.getStatus());
          }
          return drain(body);
        }
      }

      @Override
      public void close() throws Exception {
        client.stop();
      }
    };
  }
}
