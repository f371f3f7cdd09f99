package io.squashinflux.source;

/**
 * How a GET to SQuaSH ended after its retries: a value, or the one-line problem and its kind.
 *
 * @param problem what went wrong, e.g. {@code not found (404)}, or null when {@code kind} is OK
 */
record Outcome<T>(Kind kind, T value, String problem) {

  /** How a request ended. */
  enum Kind {
    /** Read and parsed. */
    OK,
    /** The policy says this item cannot be had (a 404 job). */
    SKIPPED,
    /** The policy said retry, but attempts or time ran out. */
    GAVE_UP,
    /** The policy says nothing will work until the user fixes something. */
    FATAL,
    /** The answer was valid JSON of the wrong shape: asking again would not help. */
    INVALID
  }

  static <T> Outcome<T> ok(T value) {
    return new Outcome<>(Kind.OK, value, null);
  }

  static <T> Outcome<T> failed(Kind kind, String problem) {
    return new Outcome<>(kind, null, problem);
  }

  boolean ok() {
    return kind == Kind.OK;
  }
}
