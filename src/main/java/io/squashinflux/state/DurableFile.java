package io.squashinflux.state;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file with new content so that a reader sees the old file or the new one, never part
 * of one: write a temporary file, check it is all there, fsync it, rename it over, fsync the
 * folder. A {@link FileOutputStream} is used because an interrupt does not close it (a
 * {@code FileChannel} would be closed by one, with an exception that has no message).
 */
public final class DurableFile {
  private DurableFile() {}

  /** Writes {@code bytes} to {@code target} by way of {@code temp}; on failure target is intact. */
  public static void replace(Path target, Path temp, byte[] bytes) throws IOException {
    try {
      try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
        out.write(bytes); // throws on a short write (ENOSPC)
        out.flush();
        out.getFD().sync();
      }
      long written = Files.size(temp);
      if (written != bytes.length) {
        throw new IOException("wrote " + written + " of " + bytes.length + " bytes");
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw new IOException(target + ": " + message(e), e);
    }
    syncFolder(target);
  }

  private static String message(IOException e) {
    String text = e.getMessage();
    return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
  }

  private static void syncFolder(Path target) {
    try (FileChannel folder = FileChannel.open(target.toAbsolutePath().getParent(),
        StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException notSupported) {
      // Some file systems cannot fsync a folder; the rename is still atomic.
    }
  }
}
