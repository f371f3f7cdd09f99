package io.squashinflux.source;

/** The source cannot be read at all (the job list is unreachable, a folder does not exist). */
public final class SourceException extends Exception {
  private final boolean configuration;

  public SourceException(String message, boolean configuration) {
    super(message);
    this.configuration = configuration;
  }

  /** True when the user must fix something (a bad URL, a missing path); false for an outage. */
  public boolean configuration() {
    return configuration;
  }
}
