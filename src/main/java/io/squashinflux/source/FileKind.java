package io.squashinflux.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a path that is no regular file is, in words a user recognises. */
final class FileKind {
  private FileKind() {}

  private static final int TYPE_BITS = 0170000;

  /** {@code a named pipe}, {@code a socket}, {@code a device}, or {@code a special file}. */
  static String of(Path path) {
    try {
      Object mode = Files.getAttribute(path, "unix:mode");
      if (mode instanceof Integer bits) {
        return switch (bits & TYPE_BITS) {
          case 0010000 -> "a named pipe";
          case 0140000 -> "a socket";
          case 0020000, 0060000 -> "a device";
          default -> "a special file";
        };
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No unix view here: the generic word says enough.
    }
    return "a special file";
  }
}
