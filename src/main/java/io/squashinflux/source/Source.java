package io.squashinflux.source;

import io.squashinflux.source.SourceException;

/**
 * Where a pipeline's items come from: the SQuaSH API, job files, a Kafka topic.
 *
 * <p>Lifecycle: constructed open; {@link #read} once per run, on a thread of the pipeline's own;
 * then {@link #close}. {@code read} hands every item it yields to the receiver, from one thread
 * or several, and returns when there are no more (a finite source) or when its thread is
 * interrupted (a stop: it then returns promptly, without an exception, leaving no thread of its
 * own running). A receiver that blocks slows the source down, so memory does not grow with the
 * number of items. Each item carries its {@link Ack}; the source decides what acknowledging means
 * (a job id in the state file, a Kafka offset committed), and items never acknowledged as synced
 * are yielded again by a later run.
 */
public interface Source extends AutoCloseable {

  /** A printable name with no credentials, also the source's identity in a state file. */
  String describe();

  /**
   * Yields items until there are none or the thread is interrupted; an exception means nothing
   * more can be read this run (for instance the job listing failed).
   */
  void read(Receiver receiver) throws SourceException, InterruptedException;

  @Override
  default void close() {}

  /** Takes the items of a source; may be called from several threads at once. */
  interface Receiver {
    /** Takes one item; blocks while the pipeline is full. */
    void accept(Item item) throws InterruptedException;
  }
}
