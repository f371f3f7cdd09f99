package io.squashinflux.cli;

/** A mistake the user can fix (a missing file, a bad value): one line, exit code 2, no trace. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }
}
