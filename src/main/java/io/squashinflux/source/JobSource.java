package io.squashinflux.source;

import java.util.List;

/**
 * Where jobs come from: the SQuaSH API or job files.
 *
 * <p>Lifecycle: {@link #list} once, to learn every job key the source has; then {@link #fetch} the
 * keys still to sync; then {@link #close}. {@code fetch} calls the consumer from several threads at
 * once, at most {@code parallelism} jobs in flight, and returns when every key was delivered or
 * reported failed. A consumer that blocks slows the source down (backpressure), so memory stays
 * bounded whatever the number of jobs.
 */
public interface JobSource extends AutoCloseable {

  /** A printable name of this source with no credentials, also its identity in a state file. */
  String describe();

  /** Every job key of the source; a failure here is fatal (nothing to sync). */
  List<String> list() throws SourceException;

  /** Reads these jobs; each key ends in exactly one call of {@code job} or {@code failed}. */
  void fetch(List<String> keys, Consumer consumer) throws InterruptedException;

  /** What the API knows of CI runs; {@link CiRuns#NONE} for files. */
  default CiRuns ciRuns() {
    return CiRuns.NONE;
  }

  @Override
  default void close() {}

  /** Receives jobs; called from several threads at once. */
  interface Consumer {
    void job(Job job) throws InterruptedException;

    /** The job could not be read; {@code reason} is one line naming the problem. */
    void failed(String key, String reason) throws InterruptedException;
  }
}
