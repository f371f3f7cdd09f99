package io.squashinflux.retry;

/** What to do with one answer from InfluxDB or SQuaSH. */
public enum Action {
  /** Accepted. */
  DONE,
  /** Try the same request again after a backoff. */
  RETRY,
  /** Create what is missing (the database, a topic), then send the same request again. */
  CREATE_DATABASE,
  /** The body is too large: split the batch in halves and send each. */
  SPLIT,
  /** Some lines were refused: find which, keep the rest written, report the refused ones. */
  ISOLATE,
  /** This one item (a job) cannot be had: report it and go on with the others. */
  SKIP,
  /** Nothing will work until the user fixes something: stop with exit code 2. */
  FATAL
}
