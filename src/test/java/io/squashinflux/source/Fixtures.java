package io.squashinflux.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's own small job documents in {@code src/test/resources/fixtures}. */
final class Fixtures {
  static final Path DIR = Path.of("src/test/resources/fixtures");

  private Fixtures() {}

  static Path path(String name) {
    return DIR.resolve(name);
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Job parse(String name) throws IOException, JobFormatException {
    return parse(path(name));
  }

  static Job parse(Path path) throws IOException, JobFormatException {
    try (InputStream in = Files.newInputStream(path)) {
      return JobParser.parse(in, path.toString(), Job.Origin.FILE, null, null);
    }
  }
}
