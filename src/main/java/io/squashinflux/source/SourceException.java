package io.squashinflux.source;

import io.squashinflux.failure.Failure;

/** The source cannot be read at all (the job list is unreachable, a folder does not exist). */
public final class SourceException extends Exception implements Failure {
  private final boolean configuration;

  public SourceException(String message, boolean configuration) {
    super(message);
    this.configuration = configuration;
  }

  /** True when the user must fix something (a bad URL, a missing path); false for an outage. */
  @Override
  public boolean configuration() {
    return configuration;
  }
}
