package io.squashinflux.failure;

import io.squashinflux.failure.Failure;

/** A mistake the user can fix (a missing file, a bad value): one line, exit code 2, no trace. */
public final class UserError extends RuntimeException implements Failure {
  public UserError(String message) {
    super(message);
  }

  @Override
  public boolean configuration() {
    return true;
  }
}
