package io.squashinflux.sink;

import java.time.Duration;
import java.util.List;

/**
 * Where a sync's lines go: InfluxDB's {@code /write}, a Kafka topic, Sasquatch's REST proxy.
 *
 * <p>Lifecycle: {@link #prepare} once before the first write (creates what is missing, or fails
 * fast when the destination cannot be reached); {@link #write} any number of times, from one
 * thread at a time, each call answering for every line as written or rejected with a reason, or
 * throwing when nothing more can be written; {@link #close} once at the end. A line reported
 * written is acknowledged by the destination: only then may its job be checkpointed.
 */
public interface LineSink extends AutoCloseable {

  void prepare() throws DeliveryException, InterruptedException;

  BatchResult write(List<Line> lines) throws DeliveryException, InterruptedException;

  /** The longest one {@link #write} may wait for a single answer. */
  Duration answerTimeout();

  @Override
  void close();
}
