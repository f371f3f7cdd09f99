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

  private static Path locate() {
    String override = System.getenv("SQUASH_SAMPLES");
    if (override != null && Files.isDirectory(Path.of(override))) {
      return Path.of(override);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolveSibling("shared").resolve("data/squash-samples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
