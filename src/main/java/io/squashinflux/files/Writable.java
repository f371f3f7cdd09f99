package io.squashinflux.files;

import io.squashinflux.failure.UserError;

import java.nio.file.Path;

/** The check, before any work, that a file an option names can be written there. */
public final class Writable {
  private Writable() {}

  /** Throws a one-line {@link UserError} saying what is wrong with {@code file} and what to do. */
  public static void check(String option, Path file, boolean createFolders) {
    String problem = FileProblem.beforeWriting(file, createFolders);
    if (problem != null) {
      throw new UserError(option + " " + file + ": " + problem);
    }
  }

  /** The same for a folder files are written into (created when missing). */
  public static void folder(String option, Path folder) {
    String problem = FileProblem.beforeWriting(folder.resolve("file"), true);
    if (problem != null) {
      throw new UserError(option + " " + folder + ": " + problem);
    }
  }
}
