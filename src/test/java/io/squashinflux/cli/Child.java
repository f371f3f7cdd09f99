package io.squashinflux.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * squash-influx run as a separate process, as a scheduler would run it, so tests can SIGKILL or
 * SIGTERM it; its output goes to files next to each other.
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private Child(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Child start(Path dir, String name, List<String> args) {
    return start(dir, name, List.of(), args);
  }

  /** Starts with these extra JVM options (e.g. a small heap). */
  static Child start(Path dir, String name, List<String> jvm, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xss512k"));
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    try {
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      return new Child(process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Process process() {
    return process;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the exit; returns the exit code, or fails when it takes longer than {@code limit}. */
  int exitCode(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + limit + "; stderr: " + err());
    }
    return process.exitValue();
  }

  /** SIGKILL, as the OOM killer or a power cut would end it. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as systemd or Kubernetes stop a service. */
  void terminate() {
    process.destroy();
  }

  String out() {
    return read(out);
  }

  String err() {
    return read(err);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
