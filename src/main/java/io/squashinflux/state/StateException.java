package io.squashinflux.state;

/** The state cannot be used: locked by another run, corrupted, or made for another sync. */
public final class StateException extends Exception {
  public StateException(String message) {
    super(message);
  }
}
