package io.squashinflux.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real SQuaSH documents in {@code ../shared/data/squash-samples/}, read in place and never
 * copied. Tests over them are skipped, with a message saying so, on a clone without {@code ../shared}.
 */
public final class SharedSamples {
  private SharedSamples() {}

  /** The samples folder, or the test is skipped (with a printed reason) when it is missing. */
  public static Path dir() {
    Path dir = locate();
    if (dir == null) {
      System.err.println(
          "NOTE: ../shared/data/squash-samples not found: tests over the real SQuaSH documents are"
              + " skipped; the project's own fixtures still cover the same shapes.");
    }
    assumeTrue(dir != null, "../shared/data/squash-samples not found: real-document tests skipped");
    return dir;
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  public static boolean available() {
    return locate() != null;
  }

  /**
   * The copy of the real verify_metrics package in {@code ../shared/data/verify_metrics/}, or the
   * test is skipped (with a printed reason) when it is missing.
   */
  public static Path verifyMetrics() {
    Path dir = locate("verify_metrics");
    if (dir == null) {
      System.err.println("NOTE: ../shared/data/verify_metrics not found: tests over the real"
          + " verify_metrics package are skipped; src/test/resources/verify_metrics covers each rule.");
    }
    assumeTrue(dir != null, "../shared/data/verify_metrics not found: real-package tests skipped");
    return dir;
  }

  private static Path locate() {
    String override = System.getenv("SQUASH_SAMPLES");
    if (override != null && Files.isDirectory(Path.of(override))) {
      return Path.of(override);
    }
    return locate("squash-samples");
  }

  private static Path locate(String name) {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
