package io.squashinflux.state;

import io.squashinflux.failure.Failure;

/** The state cannot be used: locked by another run, corrupted, or made for another sync. */
public final class StateException extends Exception implements Failure {
  public StateException(String message) {
    super(message);
  }

  /** The user must act: wait for the other run, move the file, or give another --state. */
  @Override
  public boolean configuration() {
    return true;
  }
}
