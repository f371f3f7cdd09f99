package io.squashinflux.pipeline;

import io.squashinflux.lineprotocol.Point;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The batch stage, on a thread of its own: gathers the items' points into batches of at most
 * {@code maxPoints} points and about {@code maxBytes}, and hands each to the sender. A batch goes
 * out when it is full, when nothing came for {@link #IDLE_NANOS}, or at the latest
 * {@link #MAX_AGE_NANOS} after its first point, so a slow but steady source still gets its items
 * acknowledged (and a kill loses little) before a batch fills. It waits on its input queue with a
 * timeout, never naps.
 */
final class Batcher implements Runnable {
  static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long OFFER_MILLIS = 200;

  private final BlockingQueue<Work> in;
  private final BlockingQueue<Batch> out;
  private final Stop stop;
  private final LongSupplier nanos;
  private final int maxPoints;
  private final long maxBytes;

  Batcher(BlockingQueue<Work> in, BlockingQueue<Batch> out, Stop stop, LongSupplier nanos,
      int maxPoints, long maxBytes) {
    this.in = in;
    this.out = out;
    this.stop = stop;
    this.nanos = nanos;
    this.maxPoints = maxPoints;
    this.maxBytes = maxBytes;
  }

  @Override
  public void run() {
    try {
      gather();
    } catch (InterruptedException e) {
      stop.fail(e); // only a failure elsewhere interrupts this stage; the first cause is kept
    } catch (Throwable e) {
      stop.fail(e);
    }
  }

  private void gather() throws InterruptedException {
    Batch batch = new Batch();
    while (true) {
      Work work = in.poll(wait(batch), TimeUnit.NANOSECONDS);
      if (stop.failed()) {
        return;
      }
      if (work == Work.END) {
        send(batch);
        send(Batch.END);
        return;
      }
      if (work == null) {
        batch = send(batch);
        continue;
      }
      for (Point point : work.points) {
        long size = Batch.estimatedBytes(point);
        if (!batch.points.isEmpty()
            && (batch.points.size() >= maxPoints || batch.bytes + size > maxBytes)) {
          batch = send(batch);
        }
        batch.add(point, work, size, nanos.getAsLong());
      }
      batch.completes.add(work);
      if (!batch.points.isEmpty() && nanos.getAsLong() - batch.startedNanos >= MAX_AGE_NANOS) {
        batch = send(batch);
      }
    }
  }

  /** How long to wait for the next item: until the idle or the age limit, whichever is first. */
  private long wait(Batch batch) {
    if (batch.isEmpty()) {
      return TimeUnit.SECONDS.toNanos(1);
    }
    if (batch.points.isEmpty()) {
      return IDLE_NANOS;
    }
    long age = nanos.getAsLong() - batch.startedNanos;
    return Math.max(0, Math.min(IDLE_NANOS, MAX_AGE_NANOS - age));
  }

  /** Hands the batch on, if it holds anything; returns the next, empty one. */
  private Batch send(Batch batch) throws InterruptedException {
    if (batch == Batch.END || !batch.isEmpty()) {
      while (!out.offer(batch, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
        if (stop.failed()) {
          throw new InterruptedException("the sync failed");
        }
      }
    }
    return batch == Batch.END ? batch : new Batch();
  }
}
