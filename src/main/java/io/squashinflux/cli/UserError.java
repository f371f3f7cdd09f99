package io.squashinflux.cli;

import io.squashinflux.failure.Failure;

/** A mistake the user can fix (a missing file, a bad value): one line, exit code 2, no trace. */
final class UserError extends RuntimeException implements Failure {
  UserError(String message) {
    super(message);
  }

  @Override
  public boolean configuration() {
    return true;
  }
}
