package io.squashinflux.sink;

import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import java.util.List;

/**
 * Where points go, the one interface every destination implements: InfluxDB 1.x, 2.x, 3.x and
 * a Kafka topic (line protocol), Sasquatch (Avro records), a file or stdout ({@code convert}).
 *
 * <p>Lifecycle: constructed; {@link #open} once before the first write (create the database, check
 * the server answers); {@link #write} batch after batch, from one thread at a time, in order;
 * {@link #close} at the end. {@code write} answers for every point of the batch: written, or
 * refused for good with the server's reason. Retries with backoff, splitting a body that is too
 * large and isolating refused points all happen inside it, each decision read from
 * {@link io.squashinflux.retry.Policy} through {@link io.squashinflux.retry.Retrier}. A
 * {@link DeliveryException} is fatal for the run: an outage that outlasted the retry time
 * ({@code configuration() == false}: {@code watch} tries again next cycle) or a configuration to
 * fix. Points are encoded by the sink through the one encoder ({@link LineBatch}), whose changes
 * and drops go to {@code notes}; nothing turns text back into points. A call returns within the
 * sink's own deadlines, and an interrupt ends it early (the batch then counts as not written, and
 * its items are read again by a later run).
 */
public interface Sink extends AutoCloseable {

  /** One line for the summary, with no credentials: {@code http://host:8086 squash}. */
  String describe();

  /**
   * Where the points land, for a state's identity; null until {@link #open} when only the server
   * can say (InfluxDB's API detected from {@code /ping}). By default what the summary names.
   */
  default String identity() {
    return describe();
  }

  /** The InfluxDB API spoken ({@code v1}, {@code v2}, {@code v3}), or null for other sinks. */
  default String api() {
    return null;
  }

  /** Prepares the target; a failure here is fatal before anything is read. */
  void open() throws DeliveryException, InterruptedException;

  /** Writes one batch; every point not in the answer's {@code refused} was written. */
  Written write(List<Point> points, Notes notes) throws DeliveryException, InterruptedException;

  @Override
  void close();

  /**
   * The sink's answer for one batch.
   *
   * @param points points written
   * @param fields field values written
   * @param refused the points refused for good (those the encoder dropped are in the notes, not here)
   * @param requests requests the batch took, retries and isolation included
   */
  record Written(long points, long fields, List<Refused> refused, int requests) {
    public Written {
      refused = List.copyOf(refused);
    }
  }

  /**
   * One point refused for good.
   *
   * @param index the point's place in the batch
   * @param text the point as it was sent (a line of line protocol, for the rejects file)
   * @param reason the server's reason
   */
  record Refused(int index, String text, String reason) {}
}
