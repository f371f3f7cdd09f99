package io.squashinflux.source;

import java.io.IOException;

/**
 * The source's side of acks: where the fate of each item is remembered between runs. For the API
 * and job files it is the state file (job keys synced, refused with their reason, failed); for a
 * Kafka source, committed offsets.
 *
 * <p>Lifecycle: opened (and locked) by the source's owner before a run; {@link #ack} hands out one
 * handle per item; {@link #save} makes everything acknowledged so far durable, and is called at the
 * end of every run, also after a failure or a stop, on a thread that is not interrupted. A save
 * that cannot complete throws and leaves the previous checkpoint as it was. A process killed at any
 * moment loses at most the acks since the last save: those items are read again, which is harmless
 * because every point has an explicit time.
 */
public interface Checkpoint {

  /** The handle for the item with this key. */
  Ack ack(String key);

  /** Makes the acks so far durable; on failure the previous checkpoint is intact. */
  void save() throws IOException;

  /** A checkpoint that remembers nothing ({@code --no-state}). */
  Checkpoint NONE = new Checkpoint() {
    @Override
    public Ack ack(String key) {
      return Ack.NONE;
    }

    @Override
    public void save() {}
  };
}
