package io.squashinflux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the command line as a user would: in this JVM through {@link Main#run}, or as a child process. */
final class Cli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  /** What a run printed and returned. */
  record Result(int code, String out, String err, Duration took) {
    /** The {@code --json} summary printed on stdout. */
    JsonNode summary() {
      return parse(out);
    }

    @Override
    public String toString() {
      return "exit " + code + " after " + took.toMillis() + " ms\nstdout: " + out + "\nstderr: " + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** Runs these arguments and then {@code more}, in this JVM. */
  static Result run(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return run(all.toArray(String[]::new));
  }

  /** Runs in a background thread, for tests that act on the servers while the sync runs. */
  static CompletableFuture<Result> start(String... args) {
    return CompletableFuture.supplyAsync(() -> run(args));
  }

  /** Runs {@code java -cp <this classpath> io.squashinflux.cli.Main args} with extra environment. */
  static Result child(Map<String, String> env, Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("child.out").toFile())
        .redirectError(dir.resolve("child.err").toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    try {
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the child did not finish within 120 s");
      }
      return new Result(process.exitValue(),
          Files.readString(dir.resolve("child.out"), StandardCharsets.UTF_8),
          Files.readString(dir.resolve("child.err"), StandardCharsets.UTF_8),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The arguments of a sync from this API into this database, with tiny retry delays. */
  static List<String> sync(String squashUrl, String influxUrl, String db, Path dir) {
    return new ArrayList<>(List.of("sync", "--squash-url", squashUrl, "--influx-url", influxUrl,
        "--db", db, "--no-state", "--rejects", dir.resolve("rejects.jsonl").toString(), "--json",
        "--quiet", "--retry-delay", "50ms"));
  }

  /** The last line of a text that is a JSON object (a summary printed after other lines). */
  static JsonNode parse(String text) {
    String last = text.strip().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
    try {
      return JSON.readTree(last);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result run(List<String> args) {
    return run(args.toArray(String[]::new));
  }
}
