package io.squashinflux.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over from the map stage to the batcher. Unordered, each item's work goes on as soon as
 * it is mapped. Ordered (a file or stdout, which must read as the source listed its items), an
 * item's work goes on only after that of every item listed before it, or after those were
 * finished without points (skipped, unreadable); items are still mapped in parallel, and a mapper
 * more than {@link #WINDOW} items ahead waits, so memory stays bounded.
 */
final class Order {
  static final int WINDOW = 512;
  private static final long OFFER_MILLIS = 200;

  private final BlockingQueue<Work> out;
  private final Stop stop;
  private final boolean ordered;
  private final Map<Long, Work> ready = new HashMap<>();
  private long next;

  Order(BlockingQueue<Work> out, Stop stop, boolean ordered) {
    this.out = out;
    this.stop = stop;
    this.ordered = ordered;
  }

  /** Hands on the work of the item at {@code position}; null when it has nothing to write. */
  void put(long position, Work work) throws InterruptedException {
    if (!ordered || position < 0) {
      if (work != null) {
        offer(work);
      }
      return;
    }
    synchronized (this) {
      while (position - next > WINDOW) {
        if (stop.failed()) {
          throw new InterruptedException("the sync failed");
        }
        wait(OFFER_MILLIS);
      }
      ready.put(position, work == null ? Work.NOTHING : work);
      while (ready.containsKey(next)) {
        Work first = ready.remove(next);
        if (first != Work.NOTHING) {
          offer(first);
        }
        next++;
      }
      notifyAll();
    }
  }

  private void offer(Work work) throws InterruptedException {
    while (!out.offer(work, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stop.failed()) {
        throw new InterruptedException("the sync failed");
      }
    }
  }
}
