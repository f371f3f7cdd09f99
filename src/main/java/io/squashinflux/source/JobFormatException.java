package io.squashinflux.source;

/**
 * A document is not a readable job: not JSON, cut short, or JSON of another shape. The message is one
 * line naming the problem; the caller prefixes the file or job it came from.
 */
public final class JobFormatException extends Exception {
  private final boolean syntax;

  JobFormatException(String message, boolean syntax, Throwable cause) {
    super(message, cause);
    this.syntax = syntax;
  }

  static JobFormatException shape(String message) {
    return new JobFormatException(message, false, null);
  }

  /**
   * True when the bytes are not valid JSON (for instance cut short): over a network this may be a
   * transfer that broke, worth another attempt; false when the JSON is valid but not a job.
   */
  public boolean syntax() {
    return syntax;
  }
}
