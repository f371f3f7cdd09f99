package io.squashinflux.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A private, real {@code influxd} 1.x: its own temporary directory, free loopback ports, optional
 * auth and TLS; stopped and deleted on {@link #close()} unless {@link #keep() kept}. The demo runs
 * one, and so do the tests.
 */
public final class PrivateInflux implements AutoCloseable {
  private static final List<String> INSTALLED = List.of("/usr/bin/influxd", "/usr/local/bin/influxd");

  private final Path influxd;
  private final Path dir;
  private final int port;
  private final int rpcPort;
  private final Builder options;
  private Process process;
  private boolean kept;

  private PrivateInflux(Path influxd, Builder options) throws IOException {
    this.influxd = influxd;
    this.options = options;
    this.dir = Files.createTempDirectory(options.prefix);
    this.port = options.ports.getAsInt();
    this.rpcPort = options.ports.getAsInt();
  }

  /** Starts a plain influxd without auth. */
  public static PrivateInflux start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The influxd executable: on the PATH or where the Debian package puts it. */
  public static Optional<Path> findInfluxd() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(java.io.File.pathSeparator)) {
        if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, "influxd"))) {
          return Optional.of(Path.of(folder, "influxd"));
        }
      }
    }
    return INSTALLED.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  /** Options of the server to start. */
  public static final class Builder {
    private boolean auth;
    private Path certificate;
    private Path privateKey;
    private SSLContext trust;
    private String prefix = "squash-influx-influxd";
    private IntSupplier ports = PrivateInflux::freePort;

    /** Turns on {@code auth-enabled}; the first user can then be created without credentials. */
    public Builder auth() {
      this.auth = true;
      return this;
    }

    /** Serves HTTPS with this PEM certificate and key; {@code trust} lets the start check reach it. */
    public Builder https(Path certificate, Path privateKey, SSLContext trust) {
      this.certificate = certificate;
      this.privateKey = privateKey;
      this.trust = trust;
      return this;
    }

    /** The name prefix of the temporary directory, so a leftover one says whose it is. */
    public Builder directoryPrefix(String name) {
      this.prefix = name;
      return this;
    }

    /** Where the ports come from; tests hand out one that is taken. */
    Builder ports(IntSupplier ports) {
      this.ports = ports;
      return this;
    }

    /**
     * Starts influxd and returns once it answers {@code /ping}. A free port is only free until
     * influxd binds it: when another process took it in between, influxd starts again on others.
     */
    public PrivateInflux start() {
      Path executable = findInfluxd().orElseThrow(() -> new IllegalStateException(
          "influxd not found: install InfluxDB 1.x with 'sudo apt-get install influxdb'"
              + " (scripts/ensure-deps does)"));
      for (int attempt = 1; ; attempt++) {
        try {
          return start(executable);
        } catch (PortTaken e) {
          if (attempt == PORT_ATTEMPTS) {
            throw e;
          }
        }
      }
    }

    private PrivateInflux start(Path executable) {
      PrivateInflux server;
      try {
        server = new PrivateInflux(executable, this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        server.writeConfig();
        server.launch();
        return server;
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
      }
    }
  }

  /** {@code http://127.0.0.1:<port>} (or https). */
  public String url() {
    return (options.certificate == null ? "http" : "https") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path directory() {
    return dir;
  }

  /** The process id of the running influxd, or -1. */
  public long pid() {
    return process == null ? -1 : process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Leaves influxd running and its directory in place when this is closed (or the JVM exits). */
  public void keep() {
    kept = true;
  }

  /** Kills influxd with SIGKILL, as a crash would. */
  public void kill() {
    stop(true);
  }

  /** Starts influxd again on the same port and data directory. */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops influxd (SIGTERM, then SIGKILL) and deletes its directory, unless kept. */
  @Override
  public void close() {
    if (kept) {
      return;
    }
    stop(false);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Already gone, or a leftover temporary directory: harmless either way.
    }
  }

  private void stop(boolean forcibly) {
    if (process == null) {
      return;
    }
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private void writeConfig() throws IOException {
    String https = options.certificate == null
        ? "  https-enabled = false\n"
        : "  https-enabled = true\n"
            + "  https-certificate = \"" + options.certificate + "\"\n"
            + "  https-private-key = \"" + options.privateKey + "\"\n";
    String config = "reporting-disabled = true\n"
        + "bind-address = \"127.0.0.1:" + rpcPort + "\"\n"
        + "[meta]\n  dir = \"" + dir.resolve("meta") + "\"\n"
        + "[data]\n  dir = \"" + dir.resolve("data") + "\"\n"
        + "  wal-dir = \"" + dir.resolve("wal") + "\"\n"
        + "  query-log-enabled = false\n"
        + "[monitor]\n  store-enabled = false\n"
        + "[http]\n  bind-address = \"127.0.0.1:" + port + "\"\n"
        + "  log-enabled = false\n"
        + "  auth-enabled = " + options.auth + "\n"
        + https
        + "[continuous_queries]\n  enabled = false\n"
        + "[logging]\n  level = \"warn\"\n";
    Files.writeString(config(), config);
  }

  private Path config() {
    return dir.resolve("influxdb.conf");
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(influxd.toString(), "run", "-config", config().toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("influxd.log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    awaitPing();
  }

  /** How often a start may find its ports taken before it gives up. */
  private static final int PORT_ATTEMPTS = 5;

  /** influxd could not bind a port: another process took it after it was found free. */
  private static final class PortTaken extends IllegalStateException {
    PortTaken(String message) {
      super(message);
    }
  }

  /** Only a guard against an influxd that never comes up: a loaded machine starts it slowly. */
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private void awaitPing() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (options.trust != null) {
      builder.sslContext(options.trust);
    }
    HttpClient client = builder.build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = log();
        throw log.contains("address already in use")
            ? new PortTaken("influxd could not bind its port: " + log)
            : new IllegalStateException("influxd exited at start: " + log);
      }
      try {
        if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while influxd started", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while influxd started", e);
      }
    }
    throw new IllegalStateException("influxd did not answer /ping within "
        + START_LIMIT.toSeconds() + " s: " + log());
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("influxd.log")).strip();
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
