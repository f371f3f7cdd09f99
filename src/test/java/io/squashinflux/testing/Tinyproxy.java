package io.squashinflux.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tinyproxy (Debian's {@code tinyproxy}) on a free loopback port, with its own config in a
 * test folder: {@link #requests()} are the request lines of its log ("GET http://host:port/path").
 */
public final class Tinyproxy implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private Tinyproxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts it; with {@code user} not null it requires those proxy credentials (BasicAuth). */
  public static Tinyproxy start(Path dir, String user, String password)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("tinyproxy.log");
    Path config = dir.resolve("tinyproxy.conf");
    Files.writeString(config, String.join("\n", List.of("Port " + port, "Listen 127.0.0.1",
        "Allow 127.0.0.1", "LogFile \"" + log + "\"", "LogLevel Info", "MaxClients 100",
        "Timeout 60", user == null ? "" : "BasicAuth " + user + " " + password, "")));
    Process process = new ProcessBuilder("tinyproxy", "-d", "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
    Tinyproxy proxy = new Tinyproxy(process, port, log);
    proxy.awaitListening();
    return proxy;
  }

  /** Waits until its port accepts a connection (or it died), for at most 120 s. */
  private void awaitListening() throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end && process.isAlive()) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
    close();
    throw new IllegalStateException("tinyproxy did not start listening on " + port);
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The request lines it logged so far, e.g. {@code GET http://127.0.0.1:5000/jobs HTTP/1.1}. */
  public List<String> requests() {
    try {
      if (!Files.exists(log)) {
        return List.of();
      }
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("]: Request (file descriptor"))
          .map(line -> line.substring(line.indexOf("): ") + 3))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
