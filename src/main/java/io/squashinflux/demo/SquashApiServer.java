package io.squashinflux.demo;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only SQuaSH-compatible API on loopback, serving generated jobs or a folder of job files.
 *
 * <p>It is built not to be what a benchmark measures: keep-alive connections, fixed-length
 * answers, a pool of 16 threads and TCP_NODELAY (without it the JDK server sends headers and body
 * in separate packets and delayed ACKs stall each request).
 */
public final class SquashApiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SquashApiServer.class.getName());
  private static final int THREADS = 16;

  static {
    // Read once by the JDK server's configuration, so it must be set before any server exists.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApiHandler handler;
  private final GeneratedStore generated;
  private final FolderStore folder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SquashApiServer(JobStore store, int port) throws IOException {
    this.generated = store instanceof GeneratedStore g ? g : null;
    this.folder = store instanceof FolderStore f ? f : null;
    this.handler = new ApiHandler(store);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "squash-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    LOG.log(Level.DEBUG, "serving SQuaSH API at {0}", url());
  }

  /** Serves jobs 1..{@code settings().count()} of this generator on {@code port} (0: any free port). */
  public static SquashApiServer start(JobGenerator generator, int port) throws IOException {
    return new SquashApiServer(new GeneratedStore(generator, generator.settings().count()), port);
  }

  /** Serves the API-response job files of this folder on {@code port} (0: any free port). */
  public static SquashApiServer start(Path folder, int port) throws IOException {
    return new SquashApiServer(new FolderStore(folder), port);
  }

  /** Answers {@code GET /specs} and {@code GET /metrics} with these documents from now on. */
  public void serveReference(com.fasterxml.jackson.databind.JsonNode specs,
      com.fasterxml.jackson.databind.JsonNode metrics) throws IOException {
    handler.reference(specs, metrics);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43117}, without a trailing slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** How many jobs {@code /jobs} lists now. */
  public long jobCount() {
    return generated != null ? generated.count() : folder.size();
  }

  /** Makes the next {@code count} generated jobs visible; only for a generator-backed server. */
  public void addJobs(int count) {
    if (generated == null) {
      throw new IllegalStateException("addJobs needs a generator-backed server; use rescan()");
    }
    generated.add(count);
  }

  /** Picks up job files that appeared in the folder; returns how many; only for a folder. */
  public int rescan() throws IOException {
    if (folder == null) {
      throw new IllegalStateException("rescan needs a folder-backed server; use addJobs(n)");
    }
    return folder.rescan();
  }

  /** How many requests this endpoint received (faulted ones included) since start or reset. */
  public long requests(Endpoint endpoint) {
    return handler.count(endpoint);
  }

  /** Requests received per endpoint. */
  public Map<Endpoint, Long> requestCounts() {
    Map<Endpoint, Long> out = new EnumMap<>(Endpoint.class);
    for (Endpoint e : Endpoint.values()) {
      out.put(e, handler.count(e));
    }
    return out;
  }

  public void resetCounts() {
    handler.resetCounts();
  }

  /** Answers every request {@code latency} late (bench/run.sh's remote-API mode). */
  public void setLatency(java.time.Duration latency) {
    handler.latency(latency);
  }

  /**
   * Passes every request through {@code faults} before it is answered (null: none): a filter that
   * answers itself, delays, holds, drops or cuts the answer short, as tests need.
   */
  public void setFaults(Filter faults) {
    handler.intercept(faults);
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Serves until the JVM shuts down (SIGINT, SIGTERM) or the calling thread is interrupted. */
  public void serveUntilStopped() {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      close();
      stopped.countDown();
    }, "serve-api-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running already; nothing to undo.
      }
    }
  }
}
