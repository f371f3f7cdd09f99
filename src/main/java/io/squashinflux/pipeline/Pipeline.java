package io.squashinflux.pipeline;

import io.squashinflux.sink.Sink;
import io.squashinflux.source.Ack;
import io.squashinflux.source.Source;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.enrich.Enricher;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.source.SourceException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one pipeline of every command that moves jobs or points ({@code sync}, {@code watch},
 * {@code convert}, the Kafka consumer): items flow from a {@link Source} through enrich and map
 * into batches that a {@link Sink} writes, and each item's {@link Ack} is called once its fate is
 * known: synced only when the sink acknowledged every point, refused (kept for
 * {@code --retry-rejected}, or committed past) when it refused some.
 *
 * <p>Design. Four stages, each a small class: the source lists and fetches on its own threads
 * (several requests in flight) and calls {@link MapStage} directly, which enriches and maps each
 * job there, so mapping runs in parallel; mapped items go through a bounded queue (in the source's
 * order when {@link #inOrder} says so, through {@link Order}) to the {@link Batcher} thread, and
 * batches through a second bounded queue (one batch waiting while one is written) to the
 * {@link Sender} thread, which writes them in order and acknowledges the items
 * they complete. The queues are bounded, so a slow sink slows the reading and memory does not grow
 * with the number of items; every wait is a blocking queue operation with a timeout, never a nap.
 * {@link Stop} is the one stop path: the end of the source flows down the queues as an end marker;
 * {@link #stop} (SIGTERM) interrupts only the reading, so what was read is still written; a fatal
 * error in any stage (a sink that gave up, a failed listing, an {@code Error}) interrupts the
 * others. {@link #run} returns only when every thread it started has ended, and then rethrows the
 * first fatal error; the caller saves the checkpoint on its own, never interrupted, thread. A
 * SIGKILL loses at most the acks since the checkpoint's last save: those items are read again.
 * Time is injected ({@code nanos}); nothing here sleeps.
 */
public final class Pipeline {
  private static final int ITEMS_QUEUED = 256;
  private static final int BATCHES_QUEUED = 1;

  private final Source source;
  private final Enricher enricher;
  private final Mapper mapper;
  private final Sink sink;
  private final Ledger ledger;
  private final Progress progress;
  private final int batchPoints;
  private final long batchBytes;
  private final LongSupplier nanos;
  private boolean ordered;
  private final Stop stop = new Stop();
  private final AtomicLong expected = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong points = new AtomicLong();

  /** Jobs from {@code source}, each enriched and mapped into points on the source's threads. */
  public static Pipeline ofJobs(Source source, Enricher enricher, Mapper mapper, Sink sink,
      Ledger ledger, Progress progress, int batchPoints, long batchBytes, LongSupplier nanos) {
    return new Pipeline(source, enricher, mapper, sink, ledger, progress, batchPoints, batchBytes,
        nanos);
  }

  /**
   * Points from {@code source} (a Kafka topic's records): the items carry their points, so the
   * pipeline has no enrich or map stage.
   */
  public static Pipeline ofPoints(Source source, Sink sink, Ledger ledger, Progress progress,
      int batchPoints, long batchBytes, LongSupplier nanos) {
    return new Pipeline(source, null, null, sink, ledger, progress, batchPoints, batchBytes,
        nanos);
  }

  /** {@code enricher} and {@code mapper} are null for a pipeline over points, which maps no job. */
  private Pipeline(Source source, Enricher enricher, Mapper mapper, Sink sink, Ledger ledger,
      Progress progress, int batchPoints, long batchBytes, LongSupplier nanos) {
    this.source = source;
    this.enricher = enricher;
    this.mapper = mapper;
    this.sink = sink;
    this.ledger = ledger;
    this.progress = progress;
    this.batchPoints = batchPoints;
    this.batchBytes = batchBytes;
    this.nanos = nanos;
  }

  /**
   * Writes the items' points in the order the source listed the items (a file, stdout), not in
   * the order their reads finish; they are still read and mapped in parallel.
   */
  public Pipeline inOrder() {
    ordered = true;
    return this;
  }

  /** How many items the source is going to yield, for the progress display. */
  public void expect(long items) {
    expected.set(items);
  }

  /** Runs until the source is exhausted, {@link #stop} was called, or a stage failed. */
  public void run() throws SourceException, DeliveryException, InterruptedException {
    BlockingQueue<Work> mapped = new ArrayBlockingQueue<>(ITEMS_QUEUED);
    BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(BATCHES_QUEUED);
    Runnable finished = () -> progress.update(done.incrementAndGet(), expected.get(), points.get());
    MapStage map = new MapStage(enricher, mapper, ledger, new Order(mapped, stop, ordered), stop,
        finished);
    List<Thread> threads = List.of(
        new Thread(() -> read(map, mapped), "squash-influx-reader"),
        new Thread(new Batcher(mapped, batches, stop, nanos, batchPoints, batchBytes),
            "squash-influx-batcher"),
        new Thread(new Sender(batches, sink, ledger, stop, finished, points),
            "squash-influx-sender"));
    stop.reading(threads.get(0));
    threads.subList(1, 3).forEach(stop::stage);
    threads.forEach(Thread::start);
    try {
      awaitAll(threads);
    } finally {
      progress.finish();
    }
    rethrow(stop.failure());
  }

  /** Ends the run early and gracefully: nothing more is read, what was read is written. */
  public void stop() {
    stop.drain();
  }

  /** Whether {@link #stop} was called or a stage failed. */
  public boolean stopped() {
    return stop.draining();
  }

  private void read(MapStage map, BlockingQueue<Work> mapped) {
    try {
      source.read(map);
    } catch (InterruptedException e) {
      if (!stop.draining()) {
        stop.fail(e);
      }
    } catch (Throwable e) {
      stop.fail(e);
    }
    endOfItems(mapped);
  }

  /** Passes the end on, unless the run failed (then nobody takes it). */
  private void endOfItems(BlockingQueue<Work> mapped) {
    while (!stop.failed()) {
      Thread.interrupted(); // a drain's interrupt was for the reading only
      try {
        if (mapped.offer(Work.END, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException drainedMeanwhile) {
        // Try again: the end must reach the batcher.
      }
    }
  }

  /** Waits for every thread; an interrupt of the caller stops the run and still waits. */
  private void awaitAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
          stop.drain();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable failure)
      throws SourceException, DeliveryException, InterruptedException {
    if (failure == null) {
      return;
    }
    if (failure instanceof SourceException e) {
      throw e;
    }
    if (failure instanceof DeliveryException e) {
      throw e;
    }
    if (failure instanceof InterruptedException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw new FatalError(failure);
  }

  /** An {@code Error} in a stage (other than a job too large to map): the run ends with it. */
  public static final class FatalError extends RuntimeException {
    FatalError(Throwable cause) {
      super("fatal error: " + cause, cause);
    }
  }
}
