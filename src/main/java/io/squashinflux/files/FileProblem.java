package io.squashinflux.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What is wrong with a path a file is to be written at, in words a user can act on: a missing
 * folder, a read-only file system, a permission. One place words it, for every option that names
 * a file to write (the state, the rejects file, a report, an output folder).
 */
public final class FileProblem {
  private FileProblem() {}

  /**
   * Why a file cannot be written at {@code file} (whose folders are created when {@code
   * createFolders}), or null when nothing is known to be wrong; checked before any work is done.
   */
  public static String beforeWriting(Path file, boolean createFolders) {
    Path absolute = file.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      return "it is a folder; name a file";
    }
    Path folder = absolute.getParent();
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    if (!Files.isDirectory(existing)) {
      return existing + " is not a folder";
    }
    if (!existing.equals(folder) && !createFolders) {
      return "the folder " + folder + " does not exist; create it (mkdir -p " + folder
          + ") or choose another place";
    }
    if (!Files.isWritable(existing)) {
      return readOnly(existing) ? existing + " is on a read-only file system; choose a writable place"
          : "permission denied on the folder " + existing + "; choose a folder you can write to";
    }
    return probe(createFolders ? folder : existing);
  }

  /**
   * Creates the folder and a file in it, then removes the file: the only sure answer, as root
   * passes every permission check and some file systems ({@code /proc}, {@code /sys}) refuse
   * files in folders that look writable.
   */
  private static String probe(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.delete(Files.createTempFile(folder, ".squash-influx-", ".probe"));
      return null;
    } catch (NoSuchFileException e) {
      return "cannot write in " + folder + ": it takes no new files; choose another place";
    } catch (IOException e) {
      return "cannot write in " + folder + ": " + why(e) + "; choose another place";
    }
  }

  /** Why an I/O operation on a path failed, without repeating the path. */
  public static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder" + (missing.getFile() == null ? "" : ": " + missing.getFile());
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is not a folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static boolean readOnly(Path folder) {
    try {
      FileStore store = Files.getFileStore(folder);
      return store.isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }
}
