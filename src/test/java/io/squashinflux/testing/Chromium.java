package io.squashinflux.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}, installed by scripts/ensure-deps) with the network
 * off: no background connections, every host name unresolvable, a proxy that does not exist.
 */
public final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  /** What a run printed: the DOM (for --dump-dom) and Chromium's own log. */
  public record Run(String stdout, String stderr) {}

  /** The DOM after the page's scripts ran, opened at {@code url} in a window of this size. */
  public static Run dumpDom(String url, int width, int height, Path profile) throws Exception {
    return run(profile, List.of("--window-size=" + width + "," + height, "--dump-dom", url));
  }

  /** A PNG of the first {@code height} pixels of the page. */
  public static Run screenshot(String url, Path png, int width, int height, Path profile)
      throws Exception {
    return run(profile, List.of("--window-size=" + width + "," + height, "--hide-scrollbars",
        "--screenshot=" + png, url));
  }

  private static Run run(Path profile, List<String> more) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " not found: scripts/ensure-deps installs chromium");
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
        "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=10000"));
    command.addAll(more);
    Path out = Files.createTempFile("chromium-", ".out");
    Path err = Files.createTempFile("chromium-", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) { // a hung browser fails the test, never hangs it
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("chromium did not finish within 180 s: " + command);
      }
      return new Run(Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Deletes a profile folder left by a run. */
  public static void delete(Path profile) throws IOException {
    if (Files.exists(profile)) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
